using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Ingestion;

/// <summary>One bad cell (or row, when Column is empty) of an import: 1-based line of the file, and why.</summary>
public sealed record ImportProblem(int Line, string Column, string Reason);

public enum ImportPhase { Reading, Checking, Writing, Done }

public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

/// <summary>Either every row landed (Problems empty) or none did.</summary>
public sealed record ImportResult(int Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyDictionary<string, int> ByStatus)
{
    /// <summary>Every problem found; <see cref="Problems"/> lists the first <see cref="ImportProblems.Listed"/> of them, by line.</summary>
    public int TotalProblems { get; init; }
    public bool Imported => TotalProblems == 0 && Problems.Count == 0;
}

/// <summary>
/// Imports the history of dossiers from a CSV file (UTF-8; columns <see cref="Columns"/>), all or nothing: every row
/// is checked first and every bad one reported with its line, column and reason; then all rows go in one transaction
/// through <see cref="BulkInserter"/>, each dossier with the events its status implies (intake, completion, return) so
/// the dashboards and reports count it. Appointments left empty are computed by the center's calendar, and outcomes
/// always are, exactly as for intake.
/// </summary>
public sealed partial class HistoryImport(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time,
    IDossierChangeSink changes)
{
    public static readonly string[] Columns =
        ["code", "departmentCode", "procedureCode", "channel", "receivedAt", "appointmentAt", "completedAt", "returnedAt", "resultDelivery", "status"];
    public const long MaxBytes = 200L * 1024 * 1024;
    public const string AuditArea = "import.dossiers";
    /// <summary>History carries no applicant: the dossier says so rather than inventing one.</summary>
    public const string NoApplicant = "(dữ liệu lịch sử, không có thông tin người nộp)";
    private const int ProgressEvery = 2000;

    private static readonly HashSet<DossierStatus> Completed = [DossierStatus.ResultReady, DossierStatus.Returned, DossierStatus.Refused, DossierStatus.Withdrawn];

    /// <param name="departments">For a key limited to some departments: rows of any other department are refused.</param>
    public async Task<ImportResult> ImportAsync(Stream csv, int? actorId, string actorName, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default, IReadOnlySet<int>? departments = null)
    {
        await using var spool = csv.CanSeek ? null : await SpoolAsync(csv, ct);
        csv = spool ?? csv;
        var now = time.GetUtcNow().UtcDateTime;
        var checker = await Checker.CreateAsync(contexts, calendars, now, ct, departments);
        var total = csv.CanSeek ? (int)Math.Min(csv.Length, int.MaxValue) : 0;
        var problems = new ImportProblems();
        var rows = new List<Row>();
        long read = 0;

        // Read, decode and check in one pass, 64 KB at a time: a bad file costs the memory of its first 1,000 problems,
        // not of the file; rows are kept only while every row so far is good (they are what gets written).
        using var reader = new StrictUtf8Reader(csv, MaxBytes, n => read = n);
        int[]? index = null;
        var columns = 0;
        try
        {
            foreach (var record in CsvRecords.Read(reader))
            {
                ct.ThrowIfCancellationRequested();
                if (index is null)
                {
                    index = Header(record.Fields, problems);
                    if (index is null) return Rejected(problems);
                    columns = record.Fields.Length;
                    continue;
                }
                if (record.Fields is [""]) continue; // a blank line
                var before = problems.Total;
                if (record.Malformed is not null) problems.Add(new ImportProblem(record.Line, "", record.Malformed));
                else if (record.Fields.Length != columns)
                    problems.Add(new ImportProblem(record.Line, "", $"có {record.Fields.Length} cột, cần {columns} như dòng tiêu đề."));
                else
                {
                    var row = checker.Check(record.Line, i => record.Fields[index[i]], problems);
                    if (row is not null && problems.Total == 0) rows.Add(row);
                }
                if (problems.Total > 0 && before == 0) rows = []; // the file will be refused: let the rows go
                if (record.Line % ProgressEvery == 0) progress?.Report(new ImportProgress(ImportPhase.Checking, (int)Math.Min(read, int.MaxValue), total));
            }
        }
        catch (ImportTooLargeException)
        {
            return Rejected(new ImportProblem(0, "", $"Tệp lớn hơn {MaxBytes / 1024 / 1024} MB: hãy chia nhỏ."));
        }
        catch (InvalidUtf8Exception e)
        {
            problems.Add(new ImportProblem(e.Line, "", $"tệp không phải UTF-8 hợp lệ (byte 0x{e.Value:X2} ở vị trí {e.Position}): hãy lưu tệp dạng CSV UTF-8."));
            return Rejected(problems);
        }
        if (index is null) return Rejected(new ImportProblem(1, "", "Tệp rỗng: dòng đầu phải là tiêu đề " + string.Join(",", Columns) + "."));
        if (problems.Total > 0) return Rejected(problems);
        if (rows.Count == 0) return Rejected(new ImportProblem(2, "", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề."));

        progress?.Report(new ImportProgress(ImportPhase.Writing, 0, rows.Count));
        var byStatus = rows.GroupBy(r => WireNames.Of(r.Dossier.Status)).ToDictionary(g => g.Key, g => g.Count());
        List<DossierChange> published;
        try
        {
            published = await WriteAsync(rows, actorId, actorName, now, byStatus, ct);
        }
        catch (Exception e) when (OneStopSql.IsUniqueViolation(e))
        {
            // Checked against the codes taken at the start; someone stored one of them since.
            return Rejected(new ImportProblem(0, "code", "một mã hồ sơ trong tệp vừa được tạo trong lúc nhập: hãy nhập lại tệp."));
        }
        foreach (var change in published) changes.Publish(change);
        progress?.Report(new ImportProgress(ImportPhase.Done, rows.Count, rows.Count));
        return new ImportResult(rows.Count, [], byStatus);
    }

    /// <summary>
    /// One transaction (BEGIN IMMEDIATE: no other writer between reading the next ids and the last row), ids given
    /// here so events can point at their dossier without a round trip per row. Returns one change per department
    /// to publish once committed, so every dashboard recomputes.
    /// </summary>
    private async Task<List<DossierChange>> WriteAsync(List<Row> rows, int? actorId, string actorName, DateTime now,
        IReadOnlyDictionary<string, int> byStatus, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var nextDossier = (await db.Dossiers.MaxAsync(d => (long?)d.Id, ct) ?? 0) + 1;
        var nextEvent = (await db.DossierEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        foreach (var row in rows)
        {
            row.Dossier.Id = nextDossier++;
            foreach (var e in row.Events)
            {
                e.Id = nextEvent++;
                e.DossierId = row.Dossier.Id;
            }
        }
        var insert = new BulkInserter(db);
        await insert.InsertAsync(rows.Select(r => r.Dossier), ct);
        await insert.InsertAsync(rows.SelectMany(r => r.Events), ct);
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "import", $"{rows.Count:n0} hồ sơ",
            string.Join(", ", byStatus.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.SelectMany(r => r.Events.Select(e => (r.Dossier.Code, Event: e)))
            .GroupBy(x => x.Event.DepartmentId)
            .Select(g => g.MaxBy(x => x.Event.Id))
            .Select(x => DossierChange.Of(x.Event, x.Code)).ToList();
    }

    /// <summary>
    /// A request body is copied to a temporary file first (asynchronously, up to one byte past the limit), because the
    /// check reads synchronously and Kestrel refuses synchronous reads of a body; the file goes when it is closed.
    /// </summary>
    private static async Task<FileStream> SpoolAsync(Stream body, CancellationToken ct)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"onestop-import-{Guid.NewGuid():N}.csv"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        int read;
        while (file.Length <= MaxBytes && (read = await body.ReadAsync(buffer, ct)) > 0) await file.WriteAsync(buffer.AsMemory(0, read), ct);
        file.Position = 0;
        return file;
    }

    private static ImportResult Rejected(ImportProblem problem) => new(0, [problem], new Dictionary<string, int>()) { TotalProblems = 1 };

    private static ImportResult Rejected(ImportProblems problems) =>
        new(0, problems.First.OrderBy(p => p.Line).ToList(), new Dictionary<string, int>()) { TotalProblems = problems.Total };

    /// <summary>Column positions by name; problems on line 1 when names are missing, unknown or repeated.</summary>
    private static int[]? Header(string[] header, ImportProblems problems)
    {
        var names = header.Select(h => h.Trim()).ToArray();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                problems.Add(new ImportProblem(1, name, $"cột «{name}» không thuộc mẫu; các cột: {string.Join(",", Columns)}."));
            else if (Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) != i)
                problems.Add(new ImportProblem(1, name, $"cột «{name}» lặp lại."));
        }
        var index = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.FindIndex(names, n => n.Equals(Columns[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0) problems.Add(new ImportProblem(1, Columns[c], $"thiếu cột «{Columns[c]}»."));
        }
        return problems.Total > 0 ? null : index;
    }
}
