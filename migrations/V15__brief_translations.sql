-- Editions (issue 6): a brief may be a translation of another, and a reader gets one item per original brief.

-- The original this brief translates; null for an original. Always the root: naming a translation as the original
-- resolves to that translation's own original, so a group of versions is "the original and every brief whose
-- translation_of is it", found through the primary key and this index (no recursion).
alter table brief add column translation_of bigint references brief on delete set null;
create index brief_translation_of on brief (translation_of) where translation_of is not null;
alter table brief add constraint brief_not_its_own_translation check (translation_of <> id);
-- The feed names an item's original by the address of its alternate-language link.
create index brief_url on brief (url);

-- The never-twice ledger, per original: a row for a translation names its original, so once any version of a
-- brief went to a reader, no version of it is queued for them again. original_id is null when brief_id is the
-- original itself, so existing rows need no rewrite; original_key maps that null to brief_id (as subscription's
-- *_key columns do for ANY), so the planner's check is an index-only probe on plain columns, like the primary key's.
alter table delivery_brief add column original_id bigint references brief on delete cascade;
alter table delivery_brief add column original_key bigint generated always as (coalesce(original_id, brief_id)) stored;
create unique index delivery_brief_original on delivery_brief (subscriber_id, original_key);
