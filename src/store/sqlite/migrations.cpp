#include "store/sqlite/migrations.h"

#include <array>

namespace mujun::store::sqlite {
namespace {

// Units: *_micros columns hold Decimal micro-units of the metric's canonical unit (万元, m², tce …).
constexpr std::string_view k0001 = R"sql(
CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  file          TEXT NOT NULL,
  sha256        TEXT NOT NULL UNIQUE,
  source        TEXT NOT NULL,
  year          INTEGER NOT NULL,
  rows_total    INTEGER NOT NULL,
  rows_accepted INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  warnings      INTEGER NOT NULL,
  imported_at   TEXT NOT NULL
);
CREATE TABLE rejected_rows (
  id           INTEGER PRIMARY KEY,
  batch_id     INTEGER NOT NULL REFERENCES import_batches(id),
  row          INTEGER NOT NULL,
  column_name  TEXT NOT NULL,
  value        TEXT NOT NULL,
  code         TEXT NOT NULL,
  message      TEXT NOT NULL,
  original_row TEXT NOT NULL
);
CREATE TABLE enterprises (
  uscc                  TEXT PRIMARY KEY CHECK (length(uscc) = 18),
  name                  TEXT NOT NULL,
  industry_code         TEXT NOT NULL DEFAULT '',
  township              TEXT NOT NULL DEFAULT '',
  production_start_year INTEGER NOT NULL DEFAULT 0,
  batch_id              INTEGER NOT NULL REFERENCES import_batches(id)
);
CREATE TABLE land_parcels (
  id           INTEGER PRIMARY KEY,
  uscc         TEXT NOT NULL REFERENCES enterprises(uscc),
  certificate  TEXT NOT NULL,
  area_micros  INTEGER NOT NULL CHECK (area_micros >= 0),
  tenure       TEXT NOT NULL CHECK (tenure IN ('owned', 'leased')),
  year         INTEGER NOT NULL,
  batch_id     INTEGER NOT NULL REFERENCES import_batches(id)
);
CREATE INDEX land_parcels_uscc ON land_parcels(uscc, year);
CREATE TABLE certificates (
  id        INTEGER PRIMARY KEY,
  uscc      TEXT NOT NULL REFERENCES enterprises(uscc),
  tier      TEXT NOT NULL,
  level     TEXT NOT NULL,
  number    TEXT NOT NULL,
  issued    TEXT NOT NULL,
  expires   TEXT NOT NULL,
  batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
  UNIQUE (uscc, tier, level, number)
);
CREATE TABLE facts (
  uscc         TEXT NOT NULL REFERENCES enterprises(uscc),
  year         INTEGER NOT NULL,
  metric       TEXT NOT NULL,
  source       TEXT NOT NULL,
  value_micros INTEGER NOT NULL,
  batch_id     INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (uscc, year, metric, source)
);
CREATE INDEX facts_year ON facts(year, metric);
CREATE TABLE statuses (
  uscc        TEXT NOT NULL REFERENCES enterprises(uscc),
  year        INTEGER NOT NULL,
  above_scale INTEGER,
  flags       TEXT NOT NULL DEFAULT '',
  batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (uscc, year)
);
CREATE TABLE precedence (
  metric  TEXT PRIMARY KEY,
  sources TEXT NOT NULL
);
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  year            INTEGER NOT NULL,
  scheme_name     TEXT NOT NULL,
  scheme_sha256   TEXT NOT NULL,
  snapshot_sha256 TEXT NOT NULL,
  result_json     TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
)sql";

// Platform records (issue 8): accounts, sessions, audit log, publication (公示) and objections (异议).
constexpr std::string_view k0002 = R"sql(
CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer', 'enterprise')),
  enterprise_uscc TEXT NOT NULL DEFAULT '',
  can_export      INTEGER NOT NULL DEFAULT 0,
  password_hash   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  CHECK ((role = 'enterprise') = (enterprise_uscc <> ''))
);
CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  user   TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE TABLE publications (
  run_id       INTEGER PRIMARY KEY REFERENCES runs(id),
  opens_at     TEXT NOT NULL,
  closes_at    TEXT NOT NULL,
  frozen_at    TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL CHECK (status IN ('open', 'closed', 'frozen')),
  published_by TEXT NOT NULL
);
CREATE TABLE objections (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  uscc        TEXT NOT NULL,
  filed_by    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  filed_at    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
  resolved_by TEXT NOT NULL DEFAULT '',
  resolution  TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL DEFAULT '',
  new_run_id  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX objections_run ON objections(run_id, uscc);
CREATE TABLE objection_attachments (
  id           INTEGER PRIMARY KEY,
  objection_id INTEGER NOT NULL REFERENCES objections(id),
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        BLOB NOT NULL
);
)sql";

// Snapshot cache (store/sqlite/snapshot_cache.h): one encoded Frame per year (frame_codec.h), read
// instead of the fact tables while they are unchanged. The triggers delete the cached frames a write
// may change, inside the writer's transaction: facts and statuses of a year that year's frame; the
// registry, land parcels (any year's parcels may be the latest of another year), certificates and the
// precedence every frame. sha256 (frame_sha256) is filled by the first snapshot_hash of the year.
constexpr std::string_view k0003 = R"sql(
CREATE TABLE snapshot_cache (
  year        INTEGER PRIMARY KEY,
  format      INTEGER NOT NULL,
  enterprises INTEGER NOT NULL,
  frame       BLOB NOT NULL,
  sha256      TEXT,
  created_at  TEXT NOT NULL
);
CREATE TRIGGER snapshot_cache_facts_insert AFTER INSERT ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year = NEW.year; END;
CREATE TRIGGER snapshot_cache_facts_update AFTER UPDATE ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year IN (OLD.year, NEW.year); END;
CREATE TRIGGER snapshot_cache_facts_delete AFTER DELETE ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year = OLD.year; END;
CREATE TRIGGER snapshot_cache_statuses_insert AFTER INSERT ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year = NEW.year; END;
CREATE TRIGGER snapshot_cache_statuses_update AFTER UPDATE ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year IN (OLD.year, NEW.year); END;
CREATE TRIGGER snapshot_cache_statuses_delete AFTER DELETE ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year = OLD.year; END;
CREATE TRIGGER snapshot_cache_enterprises_insert AFTER INSERT ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_enterprises_update AFTER UPDATE ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_enterprises_delete AFTER DELETE ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_insert AFTER INSERT ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_update AFTER UPDATE ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_delete AFTER DELETE ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_insert AFTER INSERT ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_update AFTER UPDATE ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_delete AFTER DELETE ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_precedence_insert AFTER INSERT ON precedence
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_precedence_update AFTER UPDATE ON precedence
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_precedence_delete AFTER DELETE ON precedence
  BEGIN DELETE FROM snapshot_cache; END;
)sql";

// Integer enterprise keys (issue 7: the snapshot of 1,000,000 enterprises from the tables). facts,
// statuses, land_parcels and certificates refer to enterprises(id) instead of repeating the 18-character
// USCC in every row and index entry; enterprises keep their rowid as id (nothing else changes). facts
// get a covering index in the snapshot's reading order: (year, metric, source) groups of
// (enterprise_id, value_micros), read without touching the table. The tables are rebuilt and the
// migration-3 triggers re-created on them (dropping a table drops its triggers). Rowids of every table
// are kept, so the order of conflicts ("the order the facts were written") is unchanged.
constexpr std::string_view k0004 = R"sql(
CREATE TABLE enterprises_v4 (
  id                    INTEGER PRIMARY KEY,
  uscc                  TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),
  name                  TEXT NOT NULL,
  industry_code         TEXT NOT NULL DEFAULT '',
  township              TEXT NOT NULL DEFAULT '',
  production_start_year INTEGER NOT NULL DEFAULT 0,
  batch_id              INTEGER NOT NULL REFERENCES import_batches(id)
);
INSERT INTO enterprises_v4(id, uscc, name, industry_code, township, production_start_year, batch_id)
  SELECT rowid, uscc, name, industry_code, township, production_start_year, batch_id FROM enterprises ORDER BY rowid;
CREATE TABLE facts_v4 (
  enterprise_id INTEGER NOT NULL REFERENCES enterprises_v4(id),
  year          INTEGER NOT NULL,
  metric        TEXT NOT NULL,
  source        TEXT NOT NULL,
  value_micros  INTEGER NOT NULL,
  batch_id      INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (enterprise_id, year, metric, source)
);
INSERT INTO facts_v4(rowid, enterprise_id, year, metric, source, value_micros, batch_id)
  SELECT f.rowid, e.id, f.year, f.metric, f.source, f.value_micros, f.batch_id
  FROM facts f CROSS JOIN enterprises_v4 e ON e.uscc = f.uscc ORDER BY f.rowid;
CREATE TABLE statuses_v4 (
  enterprise_id INTEGER NOT NULL REFERENCES enterprises_v4(id),
  year          INTEGER NOT NULL,
  above_scale   INTEGER,
  flags         TEXT NOT NULL DEFAULT '',
  batch_id      INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (enterprise_id, year)
);
INSERT INTO statuses_v4(rowid, enterprise_id, year, above_scale, flags, batch_id)
  SELECT s.rowid, e.id, s.year, s.above_scale, s.flags, s.batch_id
  FROM statuses s CROSS JOIN enterprises_v4 e ON e.uscc = s.uscc ORDER BY s.rowid;
CREATE TABLE land_parcels_v4 (
  id            INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises_v4(id),
  certificate   TEXT NOT NULL,
  area_micros   INTEGER NOT NULL CHECK (area_micros >= 0),
  tenure        TEXT NOT NULL CHECK (tenure IN ('owned', 'leased')),
  year          INTEGER NOT NULL,
  batch_id      INTEGER NOT NULL REFERENCES import_batches(id)
);
INSERT INTO land_parcels_v4(id, enterprise_id, certificate, area_micros, tenure, year, batch_id)
  SELECT p.id, e.id, p.certificate, p.area_micros, p.tenure, p.year, p.batch_id
  FROM land_parcels p CROSS JOIN enterprises_v4 e ON e.uscc = p.uscc ORDER BY p.id;
CREATE TABLE certificates_v4 (
  id            INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises_v4(id),
  tier          TEXT NOT NULL,
  level         TEXT NOT NULL,
  number        TEXT NOT NULL,
  issued        TEXT NOT NULL,
  expires       TEXT NOT NULL,
  batch_id      INTEGER NOT NULL REFERENCES import_batches(id),
  UNIQUE (enterprise_id, tier, level, number)
);
INSERT INTO certificates_v4(id, enterprise_id, tier, level, number, issued, expires, batch_id)
  SELECT c.id, e.id, c.tier, c.level, c.number, c.issued, c.expires, c.batch_id
  FROM certificates c CROSS JOIN enterprises_v4 e ON e.uscc = c.uscc ORDER BY c.id;
DROP TABLE facts;
DROP TABLE statuses;
DROP TABLE land_parcels;
DROP TABLE certificates;
DROP TABLE enterprises;
ALTER TABLE enterprises_v4 RENAME TO enterprises;
ALTER TABLE facts_v4 RENAME TO facts;
ALTER TABLE statuses_v4 RENAME TO statuses;
ALTER TABLE land_parcels_v4 RENAME TO land_parcels;
ALTER TABLE certificates_v4 RENAME TO certificates;
CREATE INDEX facts_year ON facts(year, metric, source, enterprise_id, value_micros);
CREATE INDEX land_parcels_enterprise ON land_parcels(enterprise_id, year);
DELETE FROM snapshot_cache;
CREATE TRIGGER snapshot_cache_facts_insert AFTER INSERT ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year = NEW.year; END;
CREATE TRIGGER snapshot_cache_facts_update AFTER UPDATE ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year IN (OLD.year, NEW.year); END;
CREATE TRIGGER snapshot_cache_facts_delete AFTER DELETE ON facts
  BEGIN DELETE FROM snapshot_cache WHERE year = OLD.year; END;
CREATE TRIGGER snapshot_cache_statuses_insert AFTER INSERT ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year = NEW.year; END;
CREATE TRIGGER snapshot_cache_statuses_update AFTER UPDATE ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year IN (OLD.year, NEW.year); END;
CREATE TRIGGER snapshot_cache_statuses_delete AFTER DELETE ON statuses
  BEGIN DELETE FROM snapshot_cache WHERE year = OLD.year; END;
CREATE TRIGGER snapshot_cache_enterprises_insert AFTER INSERT ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_enterprises_update AFTER UPDATE ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_enterprises_delete AFTER DELETE ON enterprises
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_insert AFTER INSERT ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_update AFTER UPDATE ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_land_parcels_delete AFTER DELETE ON land_parcels
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_insert AFTER INSERT ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_update AFTER UPDATE ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER snapshot_cache_certificates_delete AFTER DELETE ON certificates
  BEGIN DELETE FROM snapshot_cache; END;
)sql";

constexpr std::array kMigrations{Migration{1, "initial schema", k0001},
                                 Migration{2, "platform: users, sessions, audit, publications, objections", k0002},
                                 Migration{3, "snapshot cache: one encoded frame per year, dropped by writes", k0003},
                                 Migration{4, "integer enterprise keys; facts index in the snapshot's order", k0004}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace mujun::store::sqlite
