package org.policyalerts.feed;

import java.net.URI;
import java.util.List;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff API for feeds: register one, read its state, poll it now. */
@RestController
@RequestMapping("/api/feeds")
class FeedApi {

    record FeedRequest(String url, String language, String mode) {
    }

    private final Feeds feeds;
    private final ApplicationEventPublisher events;

    FeedApi(Feeds feeds, ApplicationEventPublisher events) {
        this.feeds = feeds;
        this.events = events;
    }

    @PostMapping
    ResponseEntity<Feed> register(@RequestBody FeedRequest request) {
        Feed feed = feeds.register(request.url(), request.language(), request.mode());
        events.publishEvent(StaffAction.now("feed.registered", "feed " + feed.id(), feed.url()));
        return ResponseEntity.created(URI.create("/api/feeds/" + feed.id())).body(feed);
    }

    @GetMapping
    List<Feed> all() {
        return feeds.all();
    }

    @GetMapping("/{id}")
    Feed find(@PathVariable long id) {
        return feeds.find(id).orElseThrow(() -> new NotFoundException("No feed with id " + id));
    }

    @PostMapping("/{id}/poll")
    Feed poll(@PathVariable long id) {
        return feeds.pollNow(id).orElseThrow(() -> new NotFoundException("No feed with id " + id));
    }
}
