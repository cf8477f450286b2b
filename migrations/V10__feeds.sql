-- Feed intake (issue 8): the feeds staff registered, the items each one turned into briefs, and the categories
-- staff mapped to taxonomy terms.

-- lease_until: the instance polling the feed holds it until then; a crashed poll frees itself when it runs out.
create table feed (
    id             bigint generated always as identity primary key,
    url            text not null,
    language       text not null,
    mode           text not null check (mode in ('publish', 'review')),
    status         text not null check (status in ('new', 'ok', 'not-modified', 'failed')),
    etag           text,
    last_modified  text,
    last_polled_at timestamptz,
    items_added    int not null default 0,
    items_updated  int not null default 0,
    last_error     text,
    lease_until    timestamptz not null default '-infinity',
    created_at     timestamptz not null
);

-- item_key: the item's GUID, else a hash of its link. content_hash tells an edited item from one seen before.
-- translation_url: the item's Atom link rel="alternate" with another hreflang, kept until briefs model translations.
create table feed_item (
    feed_id         bigint not null references feed on delete cascade,
    item_key        text not null,
    brief_id        bigint references brief on delete set null,
    content_hash    text not null,
    translation_url text,
    primary key (feed_id, item_key)
);

-- A category value seen in a feed (lower-cased). kind and slug are null until staff map it to a term.
create table feed_category (
    feed_id  bigint not null references feed on delete cascade,
    category text not null,
    kind     text check (kind in ('topic', 'region')),
    slug     text,
    primary key (feed_id, category)
);
