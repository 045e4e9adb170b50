using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Ingestion;

public sealed record ApplicantData(string? Name, string? Phone, string? IdNumber, string? Address);

/// <summary>PUT /api/v1/dossiers/{code}: the fields as sent (strings: the endpoint has already checked JSON types).</summary>
public sealed record DossierUpsert(string? ProcedureCode, string? Channel, string? ReceivedAt, ApplicantData? Applicant,
    string? ResultDelivery, string? ResultPostalAddress = null);

/// <summary>POST /api/v1/dossiers/{code}/events.</summary>
public sealed record DossierEventMessage(string? Type, string? At, string? Actor, string? ToHandler = null, string? Note = null,
    string? NewAppointment = null, string? TrackingNumber = null);

public enum IngestOutcome { Created, Updated, Unchanged, Duplicate }

/// <summary>What the API says about a dossier: no applicant data (the caller already has it).</summary>
public sealed record DossierState(string Code, string ProcedureCode, string Status, int Step, string StepName, string? Handler,
    string? HandlerName, DateTime ReceivedAt, DateTime Appointment, DateTime StatutoryAppointment, string? Outcome,
    DateTime? CompletedAt, DateTime? ReturnedAt, bool Paused);

public sealed record IngestResult(IngestOutcome Outcome, DossierState Dossier);

public enum IngestionFailure { Invalid, NotFound, Conflict, Forbidden }

/// <summary>
/// Input the API refuses. Errors are keyed by the wire field name ("applicant.phone", "at") with Vietnamese
/// messages naming the field and the rule. Nothing was changed.
/// </summary>
public sealed class IngestionException(IngestionFailure failure, IReadOnlyDictionary<string, string[]> errors, string title)
    : Exception(title + ": " + string.Join(" ", errors.Values.SelectMany(v => v)))
{
    public IngestionFailure Failure { get; } = failure;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public string Title { get; } = title;
}

/// <summary>
/// Takes dossiers and their lifecycle events from the provincial one-stop system. It adds no rules of its own to
/// the dossier: intake goes through <see cref="IntakeValidator"/> and <see cref="DossierWorkflow.ReceiveFromSystemAsync"/>,
/// events through the workflow's actions as of the instant they happened, so the status machine, the timeline, the
/// deadline clock and the live screens behave as for actions taken on screen. Messages sent twice count once.
/// </summary>
public sealed partial class DossierIngestion(IDbContextFactory<OneStopDbContext> contexts, DossierWorkflow workflow, TimeProvider time)
{
    public const int MaxCode = 64;
    /// <summary>Clocks disagree a little: an instant up to this far ahead of ours is taken as now-ish, further is refused.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const string AuditArea = "ingestion.dossier";

    /// <summary>The wire name of each intake field, for errors from the shared intake rules.</summary>
    private static readonly IReadOnlyDictionary<string, string> IntakeFields = new Dictionary<string, string>
    {
        [nameof(IntakeRequest.ProcedureId)] = "procedureCode",
        [nameof(IntakeRequest.Channel)] = "channel",
        [nameof(IntakeRequest.ResultDelivery)] = "resultDelivery",
        [nameof(IntakeRequest.ApplicantName)] = "applicant.name",
        [nameof(IntakeRequest.ApplicantPhone)] = "applicant.phone",
        [nameof(IntakeRequest.ApplicantIdNumber)] = "applicant.idNumber",
        [nameof(IntakeRequest.ApplicantAddress)] = "applicant.address",
        [nameof(IntakeRequest.ResultPostalAddress)] = "resultPostalAddress",
        [nameof(IntakeRequest.PapersReceived)] = "papersReceived",
    };

    /// <summary>The wire name of each field the workflow's actions may name in a validation error.</summary>
    private static readonly IReadOnlyDictionary<string, string> EventFields = new Dictionary<string, string>
    {
        ["Reason"] = "note", ["Missing"] = "note", ["ToHandlerId"] = "toHandler", ["NewAppointment"] = "newAppointment",
        ["PostalTrackingNumber"] = "trackingNumber", ["SatisfactionComment"] = "note",
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static bool IsValidCode(string? code) => code is { Length: > 0 and <= MaxCode } && CodePattern().IsMatch(code);
    public const string CodeRule = "Mã hồ sơ: 1 đến 64 ký tự gồm chữ cái không dấu, chữ số và . _ - (bắt đầu bằng chữ cái hoặc chữ số).";

    // ───────────────────────────── PUT ─────────────────────────────

    public async Task<IngestResult> PutAsync(string code, DossierUpsert body, CancellationToken ct = default, IngestionScope? scope = null)
    {
        scope ??= IngestionScope.Everything;
        var errors = new Errors();
        if (!IsValidCode(code)) errors.Add("code", CodeRule);
        await using var db = await contexts.CreateDbContextAsync(ct);

        Procedure? procedure = null;
        if (string.IsNullOrWhiteSpace(body.ProcedureCode)) errors.Add("procedureCode", "Mã thủ tục: bắt buộc.");
        else if (body.ProcedureCode.Length > 64 || (procedure = await db.Procedures.AsNoTracking().Include(p => p.Steps)
                     .FirstOrDefaultAsync(p => p.Code == body.ProcedureCode.Trim(), ct)) is null)
            errors.Add("procedureCode", "Mã thủ tục: không có trong danh mục thủ tục của trung tâm.");

        var channel = Parse(errors, "channel", "Hình thức nộp", body.Channel, WireNames.Channels);
        var delivery = Parse(errors, "resultDelivery", "Hình thức nhận kết quả", body.ResultDelivery, WireNames.Deliveries);
        var receivedAt = Instant(errors, "receivedAt", "Thời điểm tiếp nhận", body.ReceivedAt, required: true);
        if (body.Applicant is null) errors.Add("applicant", "Người nộp: bắt buộc, gồm name, phone, idNumber, address.");

        var a = body.Applicant ?? new ApplicantData(null, null, null, null);
        var request = new IntakeRequest
        {
            ProcedureId = procedure?.Id ?? 0,
            // Enum values the intake rules accept; when the wire value was bad the error is already recorded.
            Channel = channel ?? Catalog.Channel.Counter,
            ResultDelivery = delivery ?? Catalog.ResultDelivery.Counter,
            ApplicantName = a.Name ?? "",
            ApplicantPhone = a.Phone,
            ApplicantIdNumber = a.IdNumber,
            ApplicantAddress = a.Address,
            // The province sends one address: a result by post goes there unless it says otherwise.
            ResultPostalAddress = body.ResultPostalAddress ?? a.Address,
        };
        foreach (var (field, message) in IntakeValidator.Validate(request, procedure))
        {
            var wire = IntakeFields[field];
            if (body.Applicant is null && wire.StartsWith("applicant.")) continue;
            if ((wire == "channel" && channel is null) || (wire == "resultDelivery" && delivery is null) || (wire == "procedureCode" && procedure is null)) continue;
            errors.Add(wire, message);
        }
        errors.ThrowIfAny();
        if (!scope.Allows(procedure!.DepartmentId))
            throw Forbidden("procedureCode", $"Mã thủ tục: {procedure.Code} thuộc đơn vị ngoài phạm vi của khóa API này.");

        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
            if (existing is not null && !scope.Allows(existing.DepartmentId))
                throw Forbidden("code", $"Mã hồ sơ: {code} đã được dùng cho hồ sơ của đơn vị ngoài phạm vi của khóa API này.");
            if (existing is null)
            {
                try
                {
                    var created = await workflow.AsOf(receivedAt!.Value).ReceiveFromSystemAsync(request, code, ct);
                    return new IngestResult(IngestOutcome.Created, await StateAsync(db, created.Code, ct));
                }
                catch (DossierValidationException e) { throw Map(e, IntakeFields); }
                catch (DossierRuleException e) { throw Conflict("procedureCode", e.Message); }
                catch (DossierConcurrencyException) when (attempt < 3) { continue; } // the same PUT won a race: compare with it
            }
            return await UpdateAsync(db, existing, request, receivedAt!.Value, ct);
        }
    }

    /// <summary>
    /// The dossier exists: the same message again changes nothing; new applicant details or result delivery are taken
    /// (audited); what fixed the appointment (procedure, channel, intake instant) cannot change once received.
    /// </summary>
    private async Task<IngestResult> UpdateAsync(OneStopDbContext db, Dossier d, IntakeRequest r, DateTime receivedAt, CancellationToken ct)
    {
        var errors = new Errors();
        if (d.ProcedureId != r.ProcedureId) errors.Add("procedureCode", "Mã thủ tục: không đổi được sau khi hồ sơ đã được tiếp nhận.");
        if (d.Channel != r.Channel) errors.Add("channel", "Hình thức nộp: không đổi được sau khi hồ sơ đã được tiếp nhận.");
        if (d.ReceivedAt != receivedAt) errors.Add("receivedAt", $"Thời điểm tiếp nhận: không đổi được sau khi hồ sơ đã được tiếp nhận (đang là {WireNames.Format(d.ReceivedAt)}).");
        errors.ThrowIfAny(IngestionFailure.Conflict);

        var name = r.ApplicantName.Trim();
        var phone = IntakeValidator.NormalizePhone(r.ApplicantPhone);
        var id = r.ApplicantIdNumber?.Trim();
        var address = r.ApplicantAddress?.Trim();
        var postal = r.ResultDelivery == Catalog.ResultDelivery.Post ? r.ResultPostalAddress?.Trim() : null;
        var changes = new List<string>();
        if (d.ApplicantName != name) changes.Add("applicant.name");
        if (d.ApplicantPhone != phone) changes.Add("applicant.phone");
        if (d.ApplicantIdNumber != id) changes.Add("applicant.idNumber");
        if (d.ApplicantAddress != address) changes.Add("applicant.address");
        if (d.ResultDelivery != r.ResultDelivery) changes.Add("resultDelivery");
        if (d.ResultPostalAddress != postal) changes.Add("resultPostalAddress");
        if (changes.Count == 0) return new IngestResult(IngestOutcome.Unchanged, await StateAsync(db, d.Code, ct));
        if (!d.IsOpen)
            throw Conflict(changes[0], $"Hồ sơ đã kết thúc ({DossierText.Status(d.Status)}): không sửa được {string.Join(", ", changes)}.");

        var tracked = await db.Dossiers.FirstAsync(x => x.Id == d.Id, ct);
        if (tracked.Version != d.Version) throw new DossierConcurrencyException(d.Code);
        (tracked.ApplicantName, tracked.ApplicantPhone, tracked.ApplicantIdNumber, tracked.ApplicantAddress) = (name, phone, id, address);
        (tracked.ResultDelivery, tracked.ResultPostalAddress) = (r.ResultDelivery, postal);
        tracked.Version++;
        // Which fields, never their values: the audit log is read more widely than applicants' details may be.
        AuditLog.Add(db, Now, null, "Hệ thống một cửa tỉnh (API)", AuditArea, "update", $"Hồ sơ {d.Code}", "Sửa: " + string.Join(", ", changes));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new DossierConcurrencyException(d.Code); }
        return new IngestResult(IngestOutcome.Updated, await StateAsync(db, d.Code, ct));
    }

    // ───────────────────────────── events ─────────────────────────────

    public async Task<IngestResult> AddEventAsync(string code, DossierEventMessage m, CancellationToken ct = default, IngestionScope? scope = null)
    {
        scope ??= IngestionScope.Everything;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dossier = IsValidCode(code) ? await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct) : null;
        // Another department's dossier is, to a limited key, not there at all.
        if (dossier is not null && !scope.Allows(dossier.DepartmentId)) dossier = null;
        if (dossier is null)
            throw new IngestionException(IngestionFailure.NotFound, new Dictionary<string, string[]> { ["code"] = [$"Không tìm thấy hồ sơ {code}."] }, "Không tìm thấy hồ sơ");

        var errors = new Errors();
        var action = Parse(errors, "type", "Loại sự kiện", m.Type, WireNames.Events);
        var at = Instant(errors, "at", "Thời điểm", m.At, required: true);
        var actor = await StaffAsync(db, errors, "actor", "Người thực hiện", m.Actor, required: true, ct);
        var toHandler = await StaffAsync(db, errors, "toHandler", "Người nhận", m.ToHandler, required: false, ct);
        if (m.ToHandler is not null && action is not DossierAction.HandOver)
            errors.Add("toHandler", "Người nhận: chỉ dùng cho sự kiện handover.");
        if (m.Note is { Length: > DossierWorkflow.MaxText }) errors.Add("note", $"Ghi chú: tối đa {DossierWorkflow.MaxText} ký tự.");
        if (m.TrackingNumber is { Length: > 32 }) errors.Add("trackingNumber", "Mã bưu gửi: tối đa 32 ký tự.");
        var newAppointment = Instant(errors, "newAppointment", "Ngày hẹn mới", m.NewAppointment, required: action == DossierAction.IssueApology, future: true);
        if (m.NewAppointment is not null && action is not null and not DossierAction.IssueApology)
            errors.Add("newAppointment", "Ngày hẹn mới: chỉ dùng cho sự kiện apology.");
        errors.ThrowIfAny();
        await RequireWithinAsync(db, scope, "actor", "Người thực hiện", actor!.Value, m.Actor!, ct);
        if (toHandler is { } handler) await RequireWithinAsync(db, scope, "toHandler", "Người nhận", handler, m.ToHandler!, ct);

        var type = m.Type!;
        var atUtc = at!.Value;
        for (var attempt = 0; ; attempt++)
        {
            if (await db.ExternalEventKeys.AnyAsync(k => k.DossierId == dossier.Id && k.Type == type && k.At == atUtc, ct))
                return new IngestResult(IngestOutcome.Duplicate, await StateAsync(db, code, ct));
            var current = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == dossier.Id, ct);
            var last = await db.DossierEvents.Where(e => e.DossierId == dossier.Id).MaxAsync(e => (DateTime?)e.At, ct);
            // The timeline and the clock only run forward: an event from before the last one would rewrite history.
            if (last is { } l && atUtc < l)
                throw Conflict("at", $"Thời điểm: trước sự kiện gần nhất của hồ sơ ({WireNames.Format(l)}); gửi các sự kiện theo đúng thứ tự thời gian.");
            if (!DossierStateMachine.CanApply(current.Status, action!.Value))
            {
                try { DossierStateMachine.Next(current.Status, action.Value); }
                catch (DossierRuleException e) { throw Conflict("type", e.Message); }
            }

            var acting = workflow.AsOf(atUtc, (ctx, d, e) => ctx.ExternalEventKeys.Add(new ExternalEventKey { DossierId = d.Id, Type = type, At = atUtc, Event = e }));
            try
            {
                await ApplyAsync(acting, action.Value, current, actor!.Value, toHandler, m, newAppointment, ct);
                return new IngestResult(IngestOutcome.Created, await StateAsync(db, code, ct));
            }
            catch (DossierValidationException e) { throw Map(e, EventFields); }
            catch (DossierRuleException e) { throw Conflict("actor", e.Message); }
            catch (DossierConcurrencyException) when (attempt < 3) { }
            catch (DbUpdateException e) when (attempt < 3 && OneStopSql.IsUniqueViolation(e)) { } // the same event, sent twice at once
        }
    }

    private static Task<Dossier> ApplyAsync(DossierWorkflow w, DossierAction action, Dossier d, int actor, int? toHandler,
        DossierEventMessage m, DateTime? newAppointment, CancellationToken ct) => action switch
    {
        DossierAction.HandOver => w.HandOverAsync(d.Code, d.Version, actor, toHandler, m.Note, ct),
        DossierAction.RequestSupplement => w.RequestSupplementAsync(d.Code, d.Version, actor, m.Note ?? "", ct),
        DossierAction.Resume => w.ResumeAsync(d.Code, d.Version, actor, m.Note, ct),
        DossierAction.Approve => w.ApproveAsync(d.Code, d.Version, actor, m.Note, ct),
        DossierAction.Return => w.ReturnAsync(d.Code, d.Version, actor, new ReturnDetails(m.TrackingNumber, null, m.Note), ct),
        DossierAction.Refuse => w.RefuseAsync(d.Code, d.Version, actor, m.Note ?? "", ct),
        DossierAction.Withdraw => w.WithdrawAsync(d.Code, d.Version, actor, m.Note ?? "", ct),
        DossierAction.IssueApology => w.IssueApologyAsync(d.Code, d.Version, actor, newAppointment!.Value, m.Note ?? "", ct),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    // ───────────────────────────── GET ─────────────────────────────

    public async Task<DossierState?> GetAsync(string code, CancellationToken ct = default, IngestionScope? scope = null)
    {
        if (!IsValidCode(code)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await StateOrNullAsync(db, code, ct, scope);
    }

    private static async Task<DossierState> StateAsync(OneStopDbContext db, string code, CancellationToken ct) =>
        await StateOrNullAsync(db, code, ct) ?? throw new DossierNotFoundException(code);

    /// <param name="scope">A limited key's departments: another department's dossier is, to it, not there at all.</param>
    private static async Task<DossierState?> StateOrNullAsync(OneStopDbContext db, string code, CancellationToken ct, IngestionScope? scope = null)
    {
        var row = await db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d, ProcedureCode = d.Procedure!.Code, Handler = d.CurrentHandler!.UserName, HandlerName = d.CurrentHandler!.FullName })
            .FirstOrDefaultAsync(ct);
        if (row is null || scope?.Allows(row.d.DepartmentId) == false) return null;
        var d = row.d;
        var step = await db.ProcedureSteps.AsNoTracking().Where(s => s.ProcedureId == d.ProcedureId && s.Order == d.CurrentStep)
            .Select(s => s.Name).FirstOrDefaultAsync(ct);
        return new DossierState(d.Code, row.ProcedureCode, WireNames.Of(d.Status), d.CurrentStep, step ?? "", row.Handler, row.HandlerName,
            d.ReceivedAt, d.AppointmentAt, d.OriginalAppointmentAt, d.Outcome is { } o ? WireNames.Of(o) : null,
            d.CompletedAt, d.ReturnedAt, d.PausedSince is not null);
    }
}
