-- The scheduler asks every tick which time zones have active daily or weekly readers (DigestRepository
-- .zonesWithReaders). With readers ordered by (frequency, zone) that is a skip from one zone to the next, a few
-- index probes per zone, instead of reading every active reader of the frequency. id completes the key so the
-- index also serves a zone's keyset paging.
create index subscriber_active_by_zone on subscriber (frequency, zone, id) where status = 'active';
