package org.policyalerts.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** The SSRF guard, the redirect limit and the size cap, against a local server. */
class FeedFetcherTest {

    private final FeedServer server = new FeedServer();

    FeedFetcherTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static FeedFetcher fetcher(boolean allowPrivate, DataSize maxSize) {
        return fetcher(allowPrivate, maxSize, Duration.ofSeconds(10));
    }

    private static FeedFetcher fetcher(boolean allowPrivate, DataSize maxSize, Duration timeout) {
        return new FeedFetcher(new FeedProperties(Duration.ofMinutes(10), Duration.ofMinutes(5), maxSize,
                Duration.ofSeconds(5), timeout, 3, allowPrivate));
    }

    @Test
    void aBodySentSlowlyIsCutOffAtTheDeadline() {
        server.slow("/slow.xml", 40); // four seconds of body
        assertThatThrownBy(() -> fetcher(true, DataSize.ofMegabytes(10), Duration.ofSeconds(1))
                .fetch(server.url("/slow.xml"), null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class).hasMessageContaining("took longer than PT1S");
    }

    @Test
    void refusesALoopbackFeedUnlessPrivateNetworksAreAllowed() throws Exception {
        server.serve("/rss.xml", "rss2.xml");
        assertThatThrownBy(() -> fetcher(false, DataSize.ofMegabytes(10)).fetch(server.url("/rss.xml"), null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class)
                .hasMessageContaining("127.0.0.1 resolves to the internal address 127.0.0.1")
                .hasMessageContaining("ALERTS_FEEDS_ALLOW_PRIVATE_NETWORKS");
        assertThat(fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/rss.xml"), null, null).body()).isNotEmpty();
    }

    @Test
    void refusesNamesThatResolveInsideTheNetwork() {
        assertThatThrownBy(() -> fetcher(false, DataSize.ofMegabytes(10)).fetch("http://localhost:1/feed", null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class).hasMessageContaining("internal address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "224.0.0.1", "100.64.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "198.18.0.1", "198.19.255.255", "240.0.0.1",
            "255.255.255.255", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a9fe:a9fe::1",
            "2002:0a01:0203::", "::8.8.8.8", "::7f00:1"})
    void internalAddresses(String address) throws Exception {
        assertThat(FeedFetcher.internal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8",
            "198.17.255.255", "198.20.0.1", "223.255.255.255", "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddresses(String address) throws Exception {
        assertThat(FeedFetcher.internal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void aUrlIsLoggedWithoutItsPasswordOrQuery() throws Exception {
        assertThat(FeedFetcher.redacted(FeedFetcher.parse("https://user:secret@example.org:8443/feeds/all.xml?token=abc#x")))
                .isEqualTo("https://example.org:8443/feeds/all.xml");
        assertThat(FeedFetcher.redacted(FeedFetcher.parse("http://[2001:db8::1]/rss"))).isEqualTo("http://[2001:db8::1]/rss");
    }

    @Test
    void aFailureNamesTheUrlWithoutItsQuery() {
        assertThatThrownBy(() -> fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/missing.xml?key=s3cret"), null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class).hasMessageContaining("/missing.xml")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/feed", "file:///etc/passwd", "gopher://example.org/", "not a url",
            "http:///nohost"})
    void onlyHttpAndHttps(String url) {
        assertThatThrownBy(() -> fetcher(true, DataSize.ofMegabytes(10)).fetch(url, null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class);
    }

    @Test
    void followsAtMostThreeRedirectsAndChecksEachOne() throws Exception {
        server.serve("/feed.xml", "rss2.xml");
        server.redirect("/r1", "/r2");
        server.redirect("/r2", "/r3");
        server.redirect("/r3", "/feed.xml");
        server.redirect("/loop", "/loop");
        assertThat(fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/r1"), null, null).body()).isNotEmpty();
        assertThatThrownBy(() -> fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/loop"), null, null))
                .hasMessageContaining("More than 3 redirects");
        assertThatThrownBy(() -> fetcher(false, DataSize.ofMegabytes(10))
                .fetch("http://169.254.169.254/latest/meta-data/", null, null))
                .hasMessageContaining("internal address 169.254.169.254");
    }

    @Test
    void refusesAFeedOverTheSizeCap() {
        server.serve("/big.xml", "rss2.xml");
        assertThatThrownBy(() -> fetcher(true, DataSize.ofBytes(100)).fetch(server.url("/big.xml"), null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class).hasMessageContaining("larger than 100B");
    }

    @Test
    void conditionalGetGets304() throws Exception {
        server.serve("/feed.xml", "rss2.xml");
        FeedFetcher.Fetched first = fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/feed.xml"), null, null);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(fetcher(true, DataSize.ofMegabytes(10)).fetch(server.url("/feed.xml"), first.etag(), null)
                .notModified()).isTrue();
    }
}
