-- Prunes the EF 6-made demo database (about 46,000 dossiers) to the committed fixture, onestop-ef6.db.
-- Run by Ef6FixtureMaker after the EF 6 build has filled every table; the catalog, staff, settings, jobs and
-- audit rows are all kept. Dossiers are thinned to one in 300 by Id (every department, every status in the
-- demo's mix), one in 40 of the open ones (what the live screens show), one in 20 of Sở Nội vụ's (the demo
-- accounts' department, a small one), and the maker's own (the counter intake received after the fixed start,
-- and those the ingestion API wrote), each with its events, pauses, external event keys and notifications.
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE Keep (Id INTEGER PRIMARY KEY);
INSERT INTO Keep (Id)
    SELECT Id FROM Dossiers
    WHERE Id % 300 = 0
       OR (Id % 40 = 0 AND Status IN ('Received','InProgress','WaitingSupplement','ResultReady'))
       OR (Id % 20 = 0 AND DepartmentId = (SELECT Id FROM Departments WHERE Code = 'SNV'))
       OR ReceivedAt > '2026-11-18 02:00:00'
       OR Id IN (SELECT DossierId FROM ExternalEventKeys);
DELETE FROM ExternalEventKeys WHERE DossierId NOT IN (SELECT Id FROM Keep);
DELETE FROM DossierEvents WHERE DossierId NOT IN (SELECT Id FROM Keep);
DELETE FROM DossierPauses WHERE DossierId NOT IN (SELECT Id FROM Keep);
-- Notifications name their dossier without a foreign key; the digests name none and are kept.
DELETE FROM Notifications WHERE DossierId IS NOT NULL AND DossierId NOT IN (SELECT Id FROM Keep);
DELETE FROM Dossiers WHERE Id NOT IN (SELECT Id FROM Keep);
DROP TABLE Keep;
COMMIT;
