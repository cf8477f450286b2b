-- The taxonomy becomes data that staff edit (/admin/taxonomy): names per language, retirement, and a version every
-- instance watches to reload its in-memory copy. Readers imported by staff keep the consent source they came with.

-- name stays the English name (the fallback for any language without its own); names holds the others, e.g.
-- {"ar": "إيران", "fa": "ایران"}. A retired term stays for old briefs and the readers who follow it, but is no
-- longer offered, and matching ignores it on briefs that arrive after retired_at.
alter table topic add column names jsonb not null default '{}', add column retired_at timestamptz;
alter table region add column names jsonb not null default '{}', add column retired_at timestamptz;

-- One row. version moves on every change to topic or region (a trigger, so a migration that adds terms counts
-- too); instances compare it with the version of their copy. seeded_at: taxonomy.json is loaded into the database
-- once, when this is null, and never again, so staff edits are never overwritten at startup.
create table taxonomy_state (
    singleton boolean primary key default true check (singleton),
    version   bigint not null default 0,
    seeded_at timestamptz
);
-- A database that already ran an earlier release was seeded from taxonomy.json at each startup: it counts as seeded.
insert into taxonomy_state (seeded_at)
select case when exists (select 1 from topic) or exists (select 1 from region) then now() end;

create function taxonomy_changed() returns trigger language plpgsql as $$
begin
    update taxonomy_state set version = version + 1;
    return null;
end
$$;
create trigger topic_changed after insert or update or delete on topic
    for each statement execute function taxonomy_changed();
create trigger region_changed after insert or update or delete on region
    for each statement execute function taxonomy_changed();

-- Arabic and Farsi names of the sample terms, for databases seeded before this release (taxonomy.json carries the
-- same names for new databases). Names staff already set win.
update topic t set names = v.names || t.names
from (values
    ('arab-islamic-politics', '{"ar": "السياسة العربية والإسلامية", "fa": "سیاست عربی و اسلامی"}'::jsonb),
    ('energy-economics', '{"ar": "الطاقة والاقتصاد", "fa": "انرژی و اقتصاد"}'),
    ('us-policy', '{"ar": "السياسة الأمريكية", "fa": "سیاست آمریکا"}'),
    ('military-security', '{"ar": "الشؤون العسكرية والأمن", "fa": "نظامی و امنیتی"}'),
    ('terrorism', '{"ar": "الإرهاب", "fa": "تروریسم"}'),
    ('peace-process', '{"ar": "عملية السلام", "fa": "روند صلح"}'),
    ('proliferation', '{"ar": "الانتشار النووي", "fa": "اشاعه هسته‌ای"}'),
    ('democracy-reform', '{"ar": "الديمقراطية والإصلاح", "fa": "دموکراسی و اصلاحات"}'),
    ('great-power-competition', '{"ar": "التنافس بين القوى العظمى", "fa": "رقابت قدرت‌های بزرگ"}')
) v(slug, names)
where t.slug = v.slug;

update region r set names = v.names || r.names
from (values
    ('iran', '{"ar": "إيران", "fa": "ایران"}'::jsonb),
    ('iraq', '{"ar": "العراق", "fa": "عراق"}'),
    ('syria', '{"ar": "سوريا", "fa": "سوریه"}'),
    ('israel', '{"ar": "إسرائيل", "fa": "اسرائیل"}'),
    ('palestinians', '{"ar": "الفلسطينيون", "fa": "فلسطینیان"}'),
    ('lebanon', '{"ar": "لبنان", "fa": "لبنان"}'),
    ('egypt', '{"ar": "مصر", "fa": "مصر"}'),
    ('gulf-states', '{"ar": "دول الخليج", "fa": "کشورهای حوزه خلیج فارس"}'),
    ('saudi-arabia', '{"ar": "السعودية", "fa": "عربستان سعودی"}'),
    ('turkey', '{"ar": "تركيا", "fa": "ترکیه"}'),
    ('yemen', '{"ar": "اليمن", "fa": "یمن"}'),
    ('jordan', '{"ar": "الأردن", "fa": "اردن"}'),
    ('north-africa', '{"ar": "شمال أفريقيا", "fa": "شمال آفریقا"}'),
    ('russia', '{"ar": "روسيا", "fa": "روسیه"}')
) v(slug, names)
where r.slug = v.slug;

-- Readers added by a staff CSV import: the consent source staff declared and whether each row came with proof of
-- consent (then the reader was activated at once; without it they were sent a confirmation link). Kept until the
-- reader is erased, as part of their consent history.
create table subscriber_import (
    id               bigint generated always as identity primary key,
    subscriber_id    bigint not null references subscriber on delete cascade,
    consent_source   text not null,
    proof_of_consent boolean not null,
    imported_by      text not null,
    imported_at      timestamptz not null
);
create index subscriber_import_subscriber on subscriber_import (subscriber_id, imported_at desc);

-- Staff search readers by any part of their address.
create extension if not exists pg_trgm;
create index subscriber_email_trgm on subscriber using gin (lower(email) gin_trgm_ops);
