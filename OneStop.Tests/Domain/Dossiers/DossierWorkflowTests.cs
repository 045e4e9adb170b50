using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Domain.Dossiers;

public sealed class DossierWorkflowTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private DossierWorkflow W => _f.Workflow;
    public void Dispose() => _f.Dispose();

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7)).UtcDateTime;

    private async Task<Dossier> ReceivedAsync() => await W.ReceiveAsync(ValidIntake() with { PapersReceived = "Tờ trình\nBáo cáo thành tích" }, Postal1);

    /// <summary>Received, handed to the department pool, taken by officer1.</summary>
    private async Task<Dossier> WithOfficerAsync()
    {
        var d = await ReceivedAsync();
        d = await W.HandOverAsync(d.Code, d.Version, Postal1, toHandlerId: null);
        return await W.AssignAsync(d.Code, d.Version, Officer1, Officer1);
    }

    private async Task<Dossier> AtApprovalAsync()
    {
        var d = await WithOfficerAsync();
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, null, "Gửi Ban Thi đua");
        return await W.HandOverAsync(d.Code, d.Version, Officer1, Leader1);
    }

    private async Task<List<DossierEvent>> EventsAsync(Dossier d)
    {
        await using var db = _f.Db();
        return await db.DossierEvents.Where(e => e.DossierId == d.Id).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Intake_creates_the_dossier_with_its_appointment_and_a_Received_event()
    {
        var d = await ReceivedAsync();

        Assert.Equal("SNV-261123-0001", d.Code);
        Assert.Equal(DossierStatus.Received, d.Status);
        Assert.Equal(1, d.CurrentStep);
        Assert.Equal(Postal1, d.CurrentHandlerId);
        Assert.Equal("0912345678", d.ApplicantPhone);
        // Monday 09:00 + 5 working days = next Monday 09:00.
        Assert.Equal(Local(11, 30, 9), d.AppointmentAt);
        Assert.Equal(d.AppointmentAt, d.OriginalAppointmentAt);
        Assert.Equal("Tờ trình\nBáo cáo thành tích", d.PapersReceived);

        var e = Assert.Single(await EventsAsync(d));
        Assert.Equal(DossierEventType.Received, e.Type);
        Assert.Equal(Postal1, e.ActorId);
        Assert.Equal(Postal1, e.ToHandlerId);
        Assert.Equal(DossierStatus.Received, e.ToStatus);
        Assert.Equal(Snv, e.DepartmentId);
        Assert.Equal(e.Id, Assert.Single(_f.Changes.Published).EventId);

        var second = await W.ReceiveAsync(ValidIntake(), Postal1);
        Assert.Equal("SNV-261123-0002", second.Code);
        Assert.Null(second.PapersReceived); // nothing ticked: the receipt lists nothing rather than everything
    }

    [Fact]
    public async Task Intake_after_hours_counts_from_the_next_opening()
    {
        _f.Clock.Set(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(7))); // Friday 18:00
        var d = await W.ReceiveAsync(ValidIntake(PostOnlyProcedureId), Postal1);
        // 4 working hours from Monday 07:30 = 11:30.
        Assert.Equal(Local(11, 30, 11, 30), d.AppointmentAt);
    }

    [Fact]
    public async Task Bad_intake_names_every_bad_field_and_saves_nothing()
    {
        var bad = ValidIntake(PostOnlyProcedureId) with
        {
            ApplicantName = " ", ApplicantPhone = "12345", ApplicantIdNumber = "04509000123", ApplicantAddress = "",
            Channel = Channel.Online, ResultDelivery = ResultDelivery.Post, ResultPostalAddress = null,
        };
        var e = await Assert.ThrowsAsync<DossierValidationException>(() => W.ReceiveAsync(bad, Postal1));

        Assert.Equal("Họ tên người nộp: bắt buộc.", e.Errors["ApplicantName"]);
        Assert.StartsWith("Số điện thoại: phải là số di động 10 chữ số", e.Errors["ApplicantPhone"]);
        Assert.Equal("Số CCCD: phải gồm đúng 12 chữ số.", e.Errors["ApplicantIdNumber"]);
        Assert.Equal("Địa chỉ: bắt buộc.", e.Errors["ApplicantAddress"]);
        Assert.Equal("Hình thức nộp: thủ tục này không nhận hồ sơ trực tuyến.", e.Errors["Channel"]);
        Assert.Equal("Hình thức nhận kết quả: thủ tục này không trả kết quả qua bưu chính.", e.Errors["ResultDelivery"]);
        Assert.Equal("Địa chỉ nhận kết quả qua bưu chính: bắt buộc khi nhận kết quả qua bưu chính.", e.Errors["ResultPostalAddress"]);

        await using var db = _f.Db();
        Assert.Equal(0, await db.Dossiers.CountAsync());
        Assert.Equal(0, await db.DossierEvents.CountAsync());
    }

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("033.456.7890", "0334567890")]
    [InlineData("0233 3852 773", "02333852773")]
    [InlineData("0123456789", null)]
    [InlineData("091234567", null)]
    [InlineData("09123456789", null)]
    public void Phones_follow_Vietnamese_formats(string input, string? normalized) =>
        Assert.Equal(normalized, IntakeValidator.NormalizePhone(input));

    [Fact]
    public async Task Only_postal_staff_covering_the_department_receive_for_it()
    {
        await Assert.ThrowsAsync<DossierRuleException>(() => W.ReceiveAsync(ValidIntake(), Postal2));
        await Assert.ThrowsAsync<DossierRuleException>(() => W.ReceiveAsync(ValidIntake(), OtherOfficer));
        // SNV has postal coverage, so its own officers do not receive at the counter.
        await Assert.ThrowsAsync<DossierRuleException>(() => W.ReceiveAsync(ValidIntake(), Officer1));
        await using var db = _f.Db();
        Assert.Equal(0, await db.Dossiers.CountAsync());
    }

    [Fact]
    public async Task The_whole_journey_records_every_hand_over_and_ends_early()
    {
        var d = await AtApprovalAsync();
        Assert.Equal(4, d.CurrentStep);
        Assert.Equal(Leader1, d.CurrentHandlerId);

        _f.Clock.Advance(TimeSpan.FromHours(2));
        d = await W.ApproveAsync(d.Code, d.Version, Leader1);
        Assert.Equal(DossierStatus.ResultReady, d.Status);
        Assert.Equal(5, d.CurrentStep);
        Assert.Equal(Postal1, d.CurrentHandlerId); // back to who received it
        Assert.Equal(Outcome.Early, d.Outcome);
        Assert.Equal(_f.Clock.GetUtcNow().UtcDateTime, d.CompletedAt);

        d = await W.ReturnAsync(d.Code, d.Version, Postal1, new ReturnDetails(Satisfied: true, SatisfactionComment: "Nhanh"));
        Assert.Equal(DossierStatus.Returned, d.Status);
        Assert.Null(d.CurrentHandlerId);
        Assert.True(d.Satisfied);
        Assert.NotNull(d.ReturnedAt);

        var events = await EventsAsync(d);
        Assert.Equal(
            [DossierEventType.Received, DossierEventType.HandedOver, DossierEventType.Assigned, DossierEventType.HandedOver,
             DossierEventType.HandedOver, DossierEventType.Approved, DossierEventType.Returned],
            events.Select(e => e.Type));
        Assert.Equal([Postal1, Postal1, Officer1, Officer1, Officer1, Leader1, Postal1], events.Select(e => e.ActorId!.Value));
        Assert.Equal([1, 2, 2, 3, 4, 5, 5], events.Select(e => e.ToStep));
        Assert.Equal([null, 1, 2, 2, 3, 4, 5], events.Select(e => e.FromStep));
        Assert.Equal(new int?[] { Postal1, null, Officer1, null, Leader1, Postal1, null }, events.Select(e => e.ToHandlerId));
        Assert.Contains("Ban Thi đua - Khen thưởng", events[3].Note);
        Assert.Equal(7, d.Version); // 1 at intake, +1 per action
        Assert.Equal(7, _f.Changes.Published.Count);
    }

    [Fact]
    public async Task People_act_only_on_dossiers_in_their_hands_or_their_pool()
    {
        var d = await WithOfficerAsync();
        // officer2 does not hold it; an officer of another department neither.
        await Assert.ThrowsAsync<DossierRuleException>(() => W.HandOverAsync(d.Code, d.Version, Officer2, null));
        await Assert.ThrowsAsync<DossierRuleException>(() => W.HandOverAsync(d.Code, d.Version, OtherOfficer, null));
        // officer2 cannot take it from officer1; only the leader reassigns.
        await Assert.ThrowsAsync<DossierRuleException>(() => W.AssignAsync(d.Code, d.Version, Officer2, Officer2));
        d = await W.AssignAsync(d.Code, d.Version, Leader1, Officer2);
        Assert.Equal(Officer2, d.CurrentHandlerId);
        // A postal staff member cannot approve, and the leader only approves at the approval step.
        await Assert.ThrowsAsync<DossierRuleException>(() => W.ApproveAsync(d.Code, d.Version, Postal1));
        var e = await Assert.ThrowsAsync<DossierRuleException>(() => W.ApproveAsync(d.Code, d.Version, Leader1));
        Assert.Contains("bước lãnh đạo duyệt", e.Message);
        // The next handler must fit the next step: an officer of another department is refused, by field.
        d = await W.HandOverAsync(d.Code, d.Version, Officer2, null);
        var invalid = await Assert.ThrowsAsync<DossierValidationException>(() => W.HandOverAsync(d.Code, d.Version, Officer2, OtherOfficer));
        Assert.StartsWith("Người nhận:", invalid.Errors["ToHandlerId"]);
    }

    [Fact]
    public async Task The_leader_sends_back_to_whoever_handled_the_previous_step()
    {
        var d = await WithOfficerAsync();
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, null);         // to the other agency (step 3)
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, Leader1);      // to approval (step 4)
        await Assert.ThrowsAsync<DossierValidationException>(() => W.SendBackAsync(d.Code, d.Version, Leader1, " "));
        d = await W.SendBackAsync(d.Code, d.Version, Leader1, "Thiếu ý kiến của Ban");
        Assert.Equal(3, d.CurrentStep);
        Assert.Null(d.CurrentHandlerId); // the other agency's step has nobody of ours
        d = await W.SendBackAsync(d.Code, d.Version, Officer1, "Làm lại thẩm định");
        Assert.Equal(2, d.CurrentStep);
        Assert.Equal(Officer1, d.CurrentHandlerId);
    }

    [Fact]
    public async Task A_supplement_request_stops_the_clock_and_resuming_moves_the_appointment()
    {
        var d = await WithOfficerAsync();
        var before = d.AppointmentAt;
        d = await W.RequestSupplementAsync(d.Code, d.Version, Officer1, "Thiếu bản sao Quyết định");
        Assert.Equal(DossierStatus.WaitingSupplement, d.Status);
        Assert.Equal(_f.Clock.GetUtcNow().UtcDateTime, d.PausedSince);

        // Paused from Monday 09:00 to Tuesday 09:00: one working day (7.5 h).
        _f.Clock.Advance(TimeSpan.FromDays(1));
        d = await W.ResumeAsync(d.Code, d.Version, Officer1);
        Assert.Equal(DossierStatus.InProgress, d.Status);
        Assert.Null(d.PausedSince);
        Assert.Equal(450, d.PausedWorkingMinutes);
        Assert.Equal(Local(12, 1, 9), d.AppointmentAt);        // Monday 30/11 09:00 → Tuesday 1/12 09:00
        Assert.Equal(d.AppointmentAt, d.OriginalAppointmentAt);
        Assert.NotEqual(before, d.AppointmentAt);

        await using var db = _f.Db();
        var pause = await db.DossierPauses.SingleAsync(p => p.DossierId == d.Id);
        Assert.Equal(_f.Clock.GetUtcNow().UtcDateTime, pause.EndedAt);
        Assert.Equal("Thiếu bản sao Quyết định", pause.Reason);
    }

    [Fact]
    public async Task A_dossier_paused_at_reception_resumes_at_reception()
    {
        var d = await ReceivedAsync();
        d = await W.RequestSupplementAsync(d.Code, d.Version, Postal1, "Thiếu tờ trình");
        d = await W.ResumeAsync(d.Code, d.Version, Postal1);
        Assert.Equal(DossierStatus.Received, d.Status);
        Assert.Equal(0, d.PausedWorkingMinutes);
    }

    [Fact]
    public async Task Finishing_on_the_appointment_day_before_the_hour_is_on_time_and_after_it_late()
    {
        var onTime = await AtApprovalAsync();
        _f.Clock.Set(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(7)));
        onTime = await W.ApproveAsync(onTime.Code, onTime.Version, Leader1);
        Assert.Equal(Outcome.OnTime, onTime.Outcome);

        _f.Clock.Set(Monday9);
        var late = await AtApprovalAsync();
        _f.Clock.Set(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(7)));
        late = await W.ApproveAsync(late.Code, late.Version, Leader1);
        Assert.Equal(Outcome.Late, late.Outcome);
    }

    [Fact]
    public async Task An_apology_sets_a_new_appointment_and_the_dossier_still_counts_as_late()
    {
        var d = await AtApprovalAsync();
        var statutory = d.OriginalAppointmentAt;
        var newAppointment = Local(12, 3, 16);
        await Assert.ThrowsAsync<DossierRuleException>(() => W.IssueApologyAsync(d.Code, d.Version, Officer1, newAppointment, "Chậm"));
        var tooEarly = await Assert.ThrowsAsync<DossierValidationException>(() => W.IssueApologyAsync(d.Code, d.Version, Leader1, Local(11, 24, 9), "Chậm"));
        Assert.StartsWith("Ngày hẹn mới:", tooEarly.Errors["NewAppointment"]);

        d = await W.IssueApologyAsync(d.Code, d.Version, Leader1, newAppointment, "Chờ ý kiến của Bộ");
        Assert.True(d.ApologyIssued);
        Assert.Equal(newAppointment, d.AppointmentAt);
        Assert.Equal(statutory, d.OriginalAppointmentAt);

        // Approved well before even the statutory appointment: still late, because an apology was issued.
        d = await W.ApproveAsync(d.Code, d.Version, Leader1);
        Assert.Equal(Outcome.Late, d.Outcome);
        var apology = (await EventsAsync(d)).Single(e => e.Type == DossierEventType.ApologyIssued);
        Assert.Contains("03/12/2026 16:00", apology.Note);
    }

    [Fact]
    public async Task Refusal_and_withdrawal_need_a_reason_and_end_the_dossier()
    {
        var refused = await WithOfficerAsync();
        await Assert.ThrowsAsync<DossierValidationException>(() => W.RefuseAsync(refused.Code, refused.Version, Officer1, ""));
        refused = await W.RefuseAsync(refused.Code, refused.Version, Officer1, "Không đủ điều kiện khen thưởng");
        Assert.Equal(DossierStatus.Refused, refused.Status);
        Assert.Null(refused.CurrentHandlerId);
        Assert.NotNull(refused.CompletedAt);
        var final = await Assert.ThrowsAsync<DossierRuleException>(() => W.ResumeAsync(refused.Code, refused.Version, Officer1));
        Assert.Contains("đã kết thúc", final.Message);

        var withdrawn = await ReceivedAsync();
        withdrawn = await W.RequestSupplementAsync(withdrawn.Code, withdrawn.Version, Postal1, "Thiếu tờ trình");
        withdrawn = await W.WithdrawAsync(withdrawn.Code, withdrawn.Version, Postal1, "Người dân xin rút");
        Assert.Equal(DossierStatus.Withdrawn, withdrawn.Status);
        Assert.Null(withdrawn.PausedSince);
        await using var db = _f.Db();
        Assert.NotNull((await db.DossierPauses.SingleAsync(p => p.DossierId == withdrawn.Id)).EndedAt);
    }

    [Fact]
    public async Task A_result_by_post_needs_a_valid_tracking_number()
    {
        var d = await W.ReceiveAsync(ValidIntake(delivery: ResultDelivery.Post), Postal1);
        d = await W.HandOverAsync(d.Code, d.Version, Postal1, Officer1);
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, null);
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, Leader1);
        d = await W.ApproveAsync(d.Code, d.Version, Leader1);

        var missing = await Assert.ThrowsAsync<DossierValidationException>(() => W.ReturnAsync(d.Code, d.Version, Postal1, new ReturnDetails()));
        Assert.StartsWith("Mã bưu gửi: bắt buộc", missing.Errors["PostalTrackingNumber"]);
        var wrong = await Assert.ThrowsAsync<DossierValidationException>(() => W.ReturnAsync(d.Code, d.Version, Postal1, new ReturnDetails("EL12345VN")));
        Assert.Contains("EL123456789VN", wrong.Errors["PostalTrackingNumber"]);

        d = await W.ReturnAsync(d.Code, d.Version, Postal1, new ReturnDetails("el123456789vn", Satisfied: false, SatisfactionComment: "Chậm"));
        Assert.Equal("EL123456789VN", d.PostalTrackingNumber);
        Assert.False(d.Satisfied);
        Assert.Contains("EL123456789VN", (await EventsAsync(d))[^1].Note);
    }

    [Fact]
    public async Task When_another_agency_acts_after_the_leaders_approval_its_result_completes_the_dossier()
    {
        await using (var db = _f.Db())
        {
            db.Procedures.Add(new Procedure
            {
                Id = 12, Code = "SNV-03", Name = "Tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích đột xuất", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 12, StatutoryUnit = TimeUnit.WorkingDays,
                Steps =
                [
                    new ProcedureStep { Order = 1, Name = "Tiếp nhận", Kind = StepKind.Reception, Role = OneStop.Domain.Staffing.StaffRole.PostalStaff, Share = 0.1 },
                    new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = OneStop.Domain.Staffing.StaffRole.DepartmentOfficer, Share = 0.4 },
                    new ProcedureStep { Order = 3, Name = "Lãnh đạo Sở duyệt", Kind = StepKind.Approval, Role = OneStop.Domain.Staffing.StaffRole.DepartmentLeader, Share = 0.2 },
                    new ProcedureStep { Order = 4, Name = "UBND tỉnh ký", Kind = StepKind.InterAgency, Role = OneStop.Domain.Staffing.StaffRole.DepartmentOfficer, Share = 0.25, Agency = "Văn phòng UBND tỉnh" },
                    new ProcedureStep { Order = 5, Name = "Trả kết quả", Kind = StepKind.Return, Role = OneStop.Domain.Staffing.StaffRole.PostalStaff, Share = 0.05 },
                ],
            });
            await db.SaveChangesAsync();
        }
        var d = await W.ReceiveAsync(ValidIntake(12), Postal1);
        d = await W.HandOverAsync(d.Code, d.Version, Postal1, Officer1);
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, Leader1);
        d = await W.HandOverAsync(d.Code, d.Version, Leader1, null);          // approved, off to the provincial office
        Assert.Equal((4, DossierStatus.InProgress), (d.CurrentStep, d.Status));

        d = await W.HandOverAsync(d.Code, d.Version, Officer1, null);         // the signed award comes back
        Assert.Equal((5, DossierStatus.ResultReady, (int?)Postal1), (d.CurrentStep, d.Status, d.CurrentHandlerId));
        Assert.Equal(Outcome.Early, d.Outcome);
        var last = (await EventsAsync(d))[^1];
        Assert.Equal(DossierEventType.Approved, last.Type);
        Assert.Contains("Văn phòng UBND tỉnh", last.Note);

        // Without an approval before it, handing into the return step is still refused.
        var plain = await WithOfficerAsync();
        plain = await W.HandOverAsync(plain.Code, plain.Version, Officer1, null);
        plain = await W.HandOverAsync(plain.Code, plain.Version, Officer1, Leader1);
        var e = await Assert.ThrowsAsync<DossierRuleException>(() => W.HandOverAsync(plain.Code, plain.Version, Leader1, null));
        Assert.Contains("phê duyệt", e.Message);
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_changes_nothing()
    {
        var d = await WithOfficerAsync();
        var stale = d.Version;
        d = await W.HandOverAsync(d.Code, stale, Officer1, null);
        var e = await Assert.ThrowsAsync<DossierConcurrencyException>(() => W.RequestSupplementAsync(d.Code, stale, Officer1, "Thiếu"));
        Assert.Contains(d.Code, e.Message);
        await using var db = _f.Db();
        Assert.Equal(DossierStatus.InProgress, (await db.Dossiers.SingleAsync()).Status);
        Assert.Equal(4, await db.DossierEvents.CountAsync());
    }

    [Fact]
    public async Task Two_people_acting_at_once_on_the_same_version_one_wins_the_other_is_told()
    {
        var d = await AtApprovalAsync();
        var results = await Task.WhenAll(
            Capture(() => W.ApproveAsync(d.Code, d.Version, Leader1)),
            Capture(() => W.SendBackAsync(d.Code, d.Version, Leader1, "Xem lại")));
        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is DossierConcurrencyException);
        await using var db = _f.Db();
        Assert.Equal(d.Version + 1, (await db.Dossiers.SingleAsync()).Version);
        Assert.Equal(6, await db.DossierEvents.CountAsync());

        static async Task<Exception?> Capture(Func<Task> act)
        {
            try { await act(); return null; } catch (Exception e) { return e; }
        }
    }
}
