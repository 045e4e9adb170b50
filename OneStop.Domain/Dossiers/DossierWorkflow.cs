using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dossiers;

/// <summary>What the applicant got back when the result was returned.</summary>
public sealed record ReturnDetails(string? PostalTrackingNumber = null, bool? Satisfied = null, string? SatisfactionComment = null);

/// <summary>
/// Every change to a dossier goes through here, whoever asks (counter, department, API, jobs):
/// it checks the status machine, who may act, and the version the caller saw; applies the change
/// and appends its <see cref="DossierEvent"/> in one transaction; then publishes it to live screens.
/// A rule broken → <see cref="DossierRuleException"/>; bad input → <see cref="DossierValidationException"/>;
/// someone was faster → <see cref="DossierConcurrencyException"/>. In every such case nothing changed.
/// </summary>
public sealed partial class DossierWorkflow(
    IDbContextFactory<OneStopDbContext> contexts,
    CenterCalendarProvider calendars,
    TimeProvider time,
    IDossierChangeSink changes)
{
    public const int MaxText = 2000;

    /// <summary>The appointment a dossier of this procedure would get if received now.</summary>
    public async Task<DateTime> PreviewAppointmentAsync(int procedureId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == procedureId, ct)
                        ?? throw new DossierValidationException(new Dictionary<string, string> { [nameof(IntakeRequest.ProcedureId)] = UiText.Say("Thủ tục: không có trong danh mục.", "Procedure: not in the catalogue.") });
        var clock = await calendars.GetClockAsync(ct);
        return clock.Appointment(Now, procedure.StatutoryAmount, procedure.StatutoryUnit);
    }

    // ───────────────────────────── intake ─────────────────────────────

    public Task<Dossier> ReceiveAsync(IntakeRequest request, int actorId, CancellationToken ct = default) =>
        ReceiveCoreAsync(request, actorId, null, ct);

    /// <summary>
    /// A dossier the provincial one-stop system received (the ingestion API): under the system's own code, with no
    /// person as receiver, so it waits in the reception pool of the postal staff covering the department.
    /// Same rules, appointment and event as the counter. A code already taken → <see cref="DossierConcurrencyException"/>.
    /// </summary>
    public Task<Dossier> ReceiveFromSystemAsync(IntakeRequest request, string code, CancellationToken ct = default) =>
        ReceiveCoreAsync(request, null, code, ct);

    private async Task<Dossier> ReceiveCoreAsync(IntakeRequest request, int? actorId, string? givenCode, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var procedure = await db.Procedures.Include(p => p.Steps).Include(p => p.Department)
            .FirstOrDefaultAsync(p => p.Id == request.ProcedureId, ct);
        var errors = IntakeValidator.Validate(request, procedure);
        if (errors.Count > 0) throw new DossierValidationException(errors);
        var actor = actorId is { } id ? await LoadActorAsync(db, id, ct) : null;
        var department = procedure!.Department!;
        if (actor is not null && !await CanReceiveForAsync(db, actor, department.Id, ct))
            throw new DossierRuleException(UiText.Say($"Bạn không tiếp nhận hồ sơ cho {department.Name}: chỉ nhân viên bưu điện được phân công đơn vị này (hoặc cán bộ của đơn vị khi chưa có bưu điện phụ trách) mới được tiếp nhận.",
                $"You do not receive dossiers for {department.Name}: only the postal clerks assigned to it (or its own officers, when no postal clerk covers it) do."));
        if (procedure.Steps.Count == 0)
            throw new DossierRuleException(UiText.Say($"Thủ tục {procedure.Code} chưa có quy trình các bước: hãy khai báo trong phần cài đặt trước khi tiếp nhận.",
                $"Procedure {procedure.Code} has no steps yet: set them up in the settings before receiving dossiers."));

        var now = Now;
        var clock = await calendars.GetClockAsync(ct);
        var appointment = clock.Appointment(now, procedure.StatutoryAmount, procedure.StatutoryUnit);
        var prefix = $"{department.Code}-{WorkingCalendar.ToLocal(now):yyMMdd}-";

        for (var attempt = 0; ; attempt++)
        {
            var code = givenCode ?? prefix + (await db.Dossiers.CountAsync(d => d.Code.StartsWith(prefix), ct) + 1 + attempt).ToString("0000");
            var dossier = new Dossier
            {
                Code = code,
                ProcedureId = procedure.Id,
                DepartmentId = department.Id,
                Channel = request.Channel,
                ResultDelivery = request.ResultDelivery,
                ApplicantName = request.ApplicantName.Trim(),
                ApplicantPhone = IntakeValidator.NormalizePhone(request.ApplicantPhone),
                ApplicantIdNumber = request.ApplicantIdNumber?.Trim(),
                ApplicantAddress = request.ApplicantAddress?.Trim(),
                ResultPostalAddress = request.ResultDelivery == ResultDelivery.Post ? request.ResultPostalAddress?.Trim() : null,
                // Exactly what the counter ticked: the receipt must never claim a paper nobody handed in.
                PapersReceived = string.IsNullOrWhiteSpace(request.PapersReceived) ? null : request.PapersReceived.Trim(),
                ReceivedAt = now,
                AppointmentAt = appointment,
                OriginalAppointmentAt = appointment,
                Status = DossierStatus.Received,
                CurrentStep = procedure.Steps.Min(s => s.Order),
                CurrentHandlerId = actor?.Id,
                StepEnteredAt = now,
                Version = 1,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Dossiers.Add(dossier);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (OneStopSql.IsUniqueViolation(ex))
            {
                // A code given by the caller is theirs to keep: someone stored it first.
                if (givenCode is not null) throw new DossierConcurrencyException(givenCode);
                if (attempt >= 5) throw;
                // Two counters took the same sequence number at once: try the next one.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }
            var e = DossierEvent.For(dossier, DossierEventType.Received, actor?.Id, null, null, null, now,
                $"Tiếp nhận {IntakeValidator.ChannelText(request.Channel)}" + (actor is null ? " (từ hệ thống một cửa của tỉnh)" : ""));
            db.DossierEvents.Add(e);
            _alongside?.Invoke(db, dossier, e);
            await Webhooks.WebhookOutbox.AddAsync(db, dossier, e, ct); // queued in the same transaction as the dossier
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            Publish(dossier, e);
            return dossier;
        }
    }

    // ───────────────────────────── changes recorded elsewhere ─────────────────────────────

    /// <summary>
    /// This workflow acting as of <paramref name="atUtc"/> instead of now: for changes the provincial system already
    /// made at that instant (the ingestion API), so the timeline, pauses and outcome count from when they happened.
    /// <paramref name="alongside"/> adds rows (e.g. the idempotency key of the message) to the same transaction
    /// as the change: both are saved, or neither.
    /// </summary>
    public DossierWorkflow AsOf(DateTime atUtc, Action<OneStopDbContext, Dossier, DossierEvent>? alongside = null) =>
        new(contexts, calendars, new FixedInstant(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)), changes) { _alongside = alongside };

    private Action<OneStopDbContext, Dossier, DossierEvent>? _alongside;

    private sealed class FixedInstant(DateTime atUtc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(atUtc);
    }

    // ───────────────────────────── hand-over along the steps ─────────────────────────────

    /// <summary>Moves the dossier to the next step, naming who gets it (null: the department's pool, or another agency).</summary>
    public Task<Dossier> HandOverAsync(string code, int version, int actorId, int? toHandlerId, string? note = null, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.HandOver, async c =>
        {
            RequireCurrentStepActor(c);
            var next = c.Steps.FirstOrDefault(s => s.Order > c.Dossier.CurrentStep)
                       ?? throw new DossierRuleException(UiText.Say("Hồ sơ đã ở bước cuối của quy trình.", "The dossier is already at the last step."));
            if (next.Kind == StepKind.Return)
            {
                // Where the leader approved before another agency's step (e.g. the provincial office signs an
                // award), that agency's result coming back completes the dossier.
                if (!c.Steps.Any(s => s.Kind == StepKind.Approval && s.Order < c.Dossier.CurrentStep))
                    throw new DossierRuleException(UiText.Say("Bước tiếp theo là trả kết quả: lãnh đạo cần «phê duyệt» hồ sơ.", "The next step is returning the result: a leader must «approve» the dossier first."));
                var from = c.CurrentStep.Agency ?? c.CurrentStep.Name;
                c.StatusOverride = DossierStateMachine.Next(c.Dossier.Status, DossierAction.Approve);
                await CompleteAsync(c, next, ct);
                return (DossierEventType.Approved, JoinNote($"Nhận kết quả từ {from}: {DossierText.Outcome(c.Dossier.Outcome!.Value)}", note));
            }
            var handler = await ResolveHandlerAsync(c, next, toHandlerId, ct);
            c.MoveTo(next.Order, handler?.Id);
            return (DossierEventType.HandedOver, JoinNote(next.Kind == StepKind.InterAgency ? $"Chuyển liên thông: {next.Agency}" : $"Chuyển bước «{next.Name}»", note));
        }, ct);

    /// <summary>Gives the current step to a named person: an officer takes it, or the leader assigns it.</summary>
    public Task<Dossier> AssignAsync(string code, int version, int actorId, int toHandlerId, string? note = null, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Assign, async c =>
        {
            var step = c.CurrentStep;
            var self = toHandlerId == c.Actor.Id;
            var mayAssign = c.IsLeaderOfDepartment
                            || (self && c.Dossier.CurrentHandlerId is null && FitsRole(c.Actor, step.Role, c.Dossier.DepartmentId, c.Covered));
            if (!mayAssign)
                throw new DossierRuleException(UiText.Say("Chỉ lãnh đạo đơn vị được giao hồ sơ cho người khác; cán bộ chỉ nhận hồ sơ đang chờ nhận ở bước của mình.", "Only the department's leader assigns dossiers to others; officers take only dossiers waiting at their own step."));
            if (toHandlerId == c.Dossier.CurrentHandlerId)
                throw new DossierRuleException(UiText.Say("Hồ sơ đã ở người này.", "The dossier is already with this person."));
            var handler = await ResolveHandlerAsync(c, step, toHandlerId, ct);
            c.MoveTo(step.Order, handler!.Id);
            return (DossierEventType.Assigned, JoinNote(self ? "Nhận xử lý" : $"Giao cho {handler.FullName}", note));
        }, ct);

    /// <summary>
    /// Load balancing: the postal supervisor (or the director, or an admin) moves a dossier waiting at reception or at
    /// return from one postal staff member to another who covers its department. The timeline says who moved it.
    /// </summary>
    public Task<Dossier> ReassignAsync(string code, int version, int actorId, int toHandlerId, string? note = null, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Reassign, async c =>
        {
            if (c.Actor.Role is not (StaffRole.PostalSupervisor or StaffRole.Director or StaffRole.Admin))
                throw new DossierRuleException(UiText.Say("Chỉ giám sát bưu điện, giám đốc trung tâm hoặc quản trị được điều phối hồ sơ giữa các nhân viên bưu điện.", "Only the postal supervisor, the center director or an administrator moves dossiers between postal clerks."));
            if (c.CurrentStep.Kind is not (StepKind.Reception or StepKind.Return))
                throw new DossierRuleException(UiText.Say($"Chỉ điều phối hồ sơ đang chờ tiếp nhận, chuyển hoặc trả kết quả; hồ sơ đang ở bước «{c.CurrentStep.Name}».", $"Only dossiers waiting for reception, hand-over or return can be moved; this one is at the step «{c.CurrentStep.Name}»."));
            if (toHandlerId == c.Dossier.CurrentHandlerId)
                throw new DossierRuleException(UiText.Say("Hồ sơ đã ở người này.", "The dossier is already with this person."));
            var from = c.Dossier.CurrentHandlerId is { } f ? await c.Db.Staff.AsNoTracking().Where(s => s.Id == f).Select(s => s.FullName).FirstAsync(ct) : "chưa giao ai";
            var handler = await ResolveHandlerAsync(c, c.CurrentStep, toHandlerId, ct);
            c.MoveTo(c.Dossier.CurrentStep, handler!.Id);
            return (DossierEventType.Assigned, JoinNote($"Điều phối: chuyển từ {from} sang {handler.FullName}", note));
        }, ct);

    /// <summary>Sends the dossier back one step, to whoever handled that step last.</summary>
    public Task<Dossier> SendBackAsync(string code, int version, int actorId, string reason, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.SendBack, async c =>
        {
            RequireCurrentStepActor(c);
            RequireText("Reason", UiText.Say("Lý do trả lại", "Reason for sending back"), reason);
            var previous = c.Steps.LastOrDefault(s => s.Order < c.Dossier.CurrentStep && s.Kind != StepKind.Reception)
                           ?? throw new DossierRuleException(UiText.Say("Không có bước xử lý nào trước bước này để trả lại.", "There is no processing step before this one to send it back to."));
            var lastHandler = await c.Db.DossierEvents.Where(e => e.DossierId == c.Dossier.Id && e.ToStep == previous.Order && e.ToHandlerId != null)
                .OrderByDescending(e => e.Id).Select(e => e.ToHandlerId).FirstOrDefaultAsync(ct);
            c.MoveTo(previous.Order, lastHandler);
            return (DossierEventType.SentBack, $"Trả lại bước «{previous.Name}»: {reason.Trim()}");
        }, ct);

    /// <summary>The leader approves: the result is ready and waits at the center to be returned.</summary>
    public Task<Dossier> ApproveAsync(string code, int version, int actorId, string? note = null, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Approve, async c =>
        {
            if (c.CurrentStep.Kind != StepKind.Approval)
                throw new DossierRuleException(UiText.Say($"Chỉ phê duyệt ở bước lãnh đạo duyệt; hồ sơ đang ở bước «{c.CurrentStep.Name}».", $"Approval happens only at the leader's approval step; the dossier is at the step «{c.CurrentStep.Name}»."));
            if (!c.IsLeaderOfDepartment)
                throw new DossierRuleException(UiText.Say("Chỉ lãnh đạo của đơn vị giải quyết được phê duyệt hồ sơ.", "Only a leader of the department handling the dossier approves it."));
            await CompleteAsync(c, c.Steps.LastOrDefault(s => s.Kind == StepKind.Return) ?? c.Steps[^1], ct);
            return (DossierEventType.Approved, JoinNote($"Kết quả: {DossierText.Outcome(c.Dossier.Outcome!.Value)}", note));
        }, ct);

    /// <summary>The result is ready: it waits at the return step for whoever received the dossier, if they still cover the department.</summary>
    private static async Task CompleteAsync(ActionContext c, ProcedureStep returnStep, CancellationToken ct)
    {
        var receiver = await c.Db.DossierEvents.Where(e => e.DossierId == c.Dossier.Id && e.Type == DossierEventType.Received)
            .Select(e => e.ToHandlerId).FirstOrDefaultAsync(ct);
        int? returner = receiver is { } r && await CanReceiveForAsync(c.Db, await c.Db.Staff.Include(s => s.Coverage).FirstAsync(s => s.Id == r, ct), c.Dossier.DepartmentId, ct) ? r : null;
        c.MoveTo(returnStep.Order, returner);
        c.Dossier.CompletedAt = c.Now;
        c.Dossier.Outcome = c.Dossier.ApologyIssued ? Outcome.Late : c.Clock.OutcomeOf(c.Now, c.Dossier.OriginalAppointmentAt);
    }

    /// <summary>The result goes back to the applicant, at the counter or by post (with the tracking number).</summary>
    public Task<Dossier> ReturnAsync(string code, int version, int actorId, ReturnDetails details, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Return, async c =>
        {
            if (c.Dossier.CurrentHandlerId != c.Actor.Id && !await CanReceiveForAsync(c.Db, c.Actor, c.Dossier.DepartmentId, ct))
                throw new DossierRuleException(UiText.Say("Chỉ nhân viên bưu điện phụ trách đơn vị (hoặc người được giao trả kết quả) mới trả kết quả.", "Only the postal clerk covering the department (or the person the return was given to) returns the result."));
            var tracking = details.PostalTrackingNumber?.Trim().ToUpperInvariant();
            if (c.Dossier.ResultDelivery == ResultDelivery.Post)
            {
                if (string.IsNullOrEmpty(tracking))
                    throw Invalid("PostalTrackingNumber", UiText.Say("Mã bưu gửi: bắt buộc khi trả kết quả qua bưu chính.", "Postal tracking number: required when the result goes by post."));
                if (!TrackingPattern().IsMatch(tracking))
                    throw Invalid("PostalTrackingNumber", UiText.Say("Mã bưu gửi: gồm 2 chữ cái, 9 chữ số và 2 chữ cái, ví dụ EL123456789VN.", "Postal tracking number: 2 letters, 9 digits and 2 letters, e.g. EL123456789VN."));
                c.Dossier.PostalTrackingNumber = tracking;
            }
            if (details.SatisfactionComment is { Length: > MaxText })
                throw Invalid("SatisfactionComment", UiText.Say($"Ý kiến của người dân: tối đa {MaxText} ký tự.", $"Applicant's comment: at most {MaxText} characters."));
            c.Dossier.Satisfied = details.Satisfied;
            c.Dossier.SatisfactionComment = string.IsNullOrWhiteSpace(details.SatisfactionComment) ? null : details.SatisfactionComment.Trim();
            c.Dossier.ReturnedAt = c.Now;
            c.MoveTo(c.Dossier.CurrentStep, null);
            var how = c.Dossier.ResultDelivery == ResultDelivery.Post ? $"Trả kết quả qua bưu chính, mã {tracking}" : "Trả kết quả tại quầy";
            var satisfaction = details.Satisfied switch { true => "; hài lòng", false => "; không hài lòng", _ => "" };
            return (DossierEventType.Returned, how + satisfaction);
        }, ct);

    // ───────────────────────────── side paths ─────────────────────────────

    /// <summary>The dossier is incomplete: the clock stops until the applicant completes it.</summary>
    public Task<Dossier> RequestSupplementAsync(string code, int version, int actorId, string missing, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.RequestSupplement, c =>
        {
            RequireCurrentStepActor(c);
            RequireText("Missing", UiText.Say("Nội dung cần bổ sung", "What is missing"), missing);
            c.Dossier.PausedSince = c.Now;
            c.Db.DossierPauses.Add(new DossierPause { DossierId = c.Dossier.Id, StartedAt = c.Now, Reason = missing.Trim() });
            return Task.FromResult((DossierEventType.SupplementRequested, missing.Trim()));
        }, ct);

    /// <summary>The applicant completed the dossier: the clock restarts and the appointment moves by the paused working time.</summary>
    public Task<Dossier> ResumeAsync(string code, int version, int actorId, string? note = null, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Resume, async c =>
        {
            if (c.Dossier.CurrentHandlerId != c.Actor.Id && !c.IsLeaderOfDepartment && !await CanReceiveForAsync(c.Db, c.Actor, c.Dossier.DepartmentId, ct))
                throw new DossierRuleException(UiText.Say("Chỉ người đã yêu cầu bổ sung, lãnh đạo đơn vị hoặc bưu điện phụ trách mới nhận bổ sung.", "Only the person who asked for the documents, the department's leader or the covering postal clerk takes them in."));
            var paused = await ClosePauseAsync(c, ct);
            var minutes = (int)Math.Round(paused.TotalMinutes);
            if (paused > TimeSpan.Zero)
            {
                c.Dossier.AppointmentAt = c.Clock.Calendar.AddWorkingTime(c.Dossier.AppointmentAt, paused);
                c.Dossier.OriginalAppointmentAt = c.Clock.Calendar.AddWorkingTime(c.Dossier.OriginalAppointmentAt, paused);
            }
            c.Dossier.PausedWorkingMinutes += minutes;
            return (DossierEventType.Resumed, JoinNote($"Đã bổ sung; tạm dừng {minutes / 60} giờ {minutes % 60} phút làm việc, hẹn mới {WorkingCalendar.ToLocal(c.Dossier.AppointmentAt):dd/MM/yyyy HH:mm}", note));
        }, ct, resumeTo: d => d.CurrentStep == 1 ? DossierStatus.Received : DossierStatus.InProgress);

    public Task<Dossier> RefuseAsync(string code, int version, int actorId, string reason, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Refuse, async c =>
        {
            if (!c.IsLeaderOfDepartment) RequireCurrentStepActor(c);
            RequireText("Reason", UiText.Say("Lý do từ chối", "Reason for refusal"), reason);
            await ClosePauseAsync(c, ct);
            c.Dossier.CompletedAt = c.Now;
            c.MoveTo(c.Dossier.CurrentStep, null);
            return (DossierEventType.Refused, reason.Trim());
        }, ct);

    public Task<Dossier> WithdrawAsync(string code, int version, int actorId, string reason, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.Withdraw, async c =>
        {
            if (c.Dossier.CurrentHandlerId != c.Actor.Id && !c.IsLeaderOfDepartment && !await CanReceiveForAsync(c.Db, c.Actor, c.Dossier.DepartmentId, ct))
                throw new DossierRuleException(UiText.Say("Chỉ bưu điện phụ trách, người đang xử lý hoặc lãnh đạo đơn vị mới ghi nhận rút hồ sơ.", "Only the covering postal clerk, the current handler or the department's leader records a withdrawal."));
            RequireText("Reason", UiText.Say("Lý do rút hồ sơ", "Reason for withdrawal"), reason);
            await ClosePauseAsync(c, ct);
            c.Dossier.CompletedAt = c.Now;
            c.MoveTo(c.Dossier.CurrentStep, null);
            return (DossierEventType.Withdrawn, reason.Trim());
        }, ct);

    /// <summary>
    /// The agency at fault apologises and sets a new appointment. The new appointment is shown
    /// everywhere; the dossier still counts as late.
    /// </summary>
    public Task<Dossier> IssueApologyAsync(string code, int version, int actorId, DateTime newAppointmentUtc, string reason, CancellationToken ct = default) =>
        ActAsync(code, version, actorId, DossierAction.IssueApology, c =>
        {
            if (!c.IsLeaderOfDepartment && c.Actor.Role != StaffRole.Director)
                throw new DossierRuleException(UiText.Say("Chỉ lãnh đạo đơn vị giải quyết (hoặc giám đốc trung tâm) được ký thư xin lỗi.", "Only a leader of the department handling the dossier (or the center director) signs an apology."));
            RequireText("Reason", UiText.Say("Lý do chậm trễ", "Reason for the delay"), reason);
            newAppointmentUtc = DateTime.SpecifyKind(newAppointmentUtc, DateTimeKind.Utc);
            if (newAppointmentUtc <= c.Now || newAppointmentUtc <= c.Dossier.AppointmentAt)
                throw Invalid("NewAppointment", UiText.Say("Ngày hẹn mới: phải sau thời điểm hiện tại và sau ngày hẹn đang có hiệu lực.", "New appointment: must be later than now and than the appointment in force."));
            var old = c.Dossier.AppointmentAt;
            c.Dossier.AppointmentAt = newAppointmentUtc;
            c.Dossier.ApologyIssued = true;
            if (c.Dossier.Outcome is not null) c.Dossier.Outcome = Outcome.Late;
            return Task.FromResult((DossierEventType.ApologyIssued,
                $"Hẹn lại từ {WorkingCalendar.ToLocal(old):dd/MM/yyyy HH:mm} sang {WorkingCalendar.ToLocal(newAppointmentUtc):dd/MM/yyyy HH:mm}: {reason.Trim()}"));
        }, ct);
}
