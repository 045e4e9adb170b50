using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Deadlines;

public sealed class DeadlineLadderTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private async Task SweepTwiceAt(int month, int day, int hour, int minute = 0)
    {
        _k.At(2026, month, day, hour, minute);
        await _k.Sweep().RunAsync();
        Assert.Equal(0, await _k.Sweep().RunAsync()); // state-based: a second run at the same instant changes nothing
    }

    [Fact]
    public async Task The_whole_ladder_fires_each_rung_once_across_the_April_holidays_and_a_weekend()
    {
        // Wednesday 29 April 2026, 09:00: 5 working days skip 30/4, 1/5 and the weekend → due Friday 8 May 09:00.
        _k.At(2026, 4, 29, 9);
        var d = await _k.AtOfficerAsync();
        Assert.Equal(DeadlineTestKit.Local(2026, 5, 8, 9).UtcDateTime, d.AppointmentAt);

        // On the holidays and just before the last working day begins: on track, nothing said.
        await SweepTwiceAt(4, 30, 10);
        await SweepTwiceAt(5, 7, 8, 59); // 7.5 h + 1 min of working time left
        var now = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.OnTrack, now.DeadlineClass);
        Assert.Equal(0, now.EscalationLevel);
        Assert.Empty(await _k.NotificationsAsync(d.Id));

        // Thursday 7 May 09:01: less than a working day left → due soon, officer1 reminded.
        await SweepTwiceAt(5, 7, 9, 1);
        now = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.DueSoon, now.DeadlineClass);
        Assert.Equal(1, now.EscalationLevel);
        var soon = Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.DueSoon));
        Assert.Equal(Officer1, soon.RecipientId);
        Assert.Equal($"due-soon:{d.Id}:1:InApp:{Officer1}", soon.DedupeKey);
        Assert.Equal(NotificationChannel.InApp, soon.Channel);
        Assert.Equal(NotificationStatus.Pending, soon.Status);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.Overdue));

        // Friday 8 May 09:00 is the appointment itself: not yet late. 09:01: overdue → the leader, an apology is owed.
        await SweepTwiceAt(5, 8, 9, 0);
        Assert.Equal(DeadlineClass.DueSoon, (await _k.DossierAsync(d.Id)).DeadlineClass);
        await SweepTwiceAt(5, 8, 9, 1);
        now = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.Overdue, now.DeadlineClass);
        Assert.Equal(2, now.EscalationLevel);
        var late = Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.Overdue));
        Assert.Equal(Leader1, late.RecipientId);
        Assert.Contains("phiếu xin lỗi", late.Body);

        // Overdue by 2 working days: Monday 11 May 09:00 is one, Tuesday 12 May 09:00 is two (over the weekend).
        await SweepTwiceAt(5, 9, 12); // Saturday
        await SweepTwiceAt(5, 12, 8, 59);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.OverdueDirector));
        await SweepTwiceAt(5, 12, 9, 0);
        now = await _k.DossierAsync(d.Id);
        Assert.Equal(3, now.EscalationLevel);
        var director = Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.OverdueDirector));
        Assert.Equal(Director, director.RecipientId);

        // Days later: nothing more.
        await SweepTwiceAt(5, 15, 10);
        Assert.Equal(3, (await _k.NotificationsAsync(d.Id)).Count);

        // The timeline: three class changes and three escalations, by the system, in order, saying who was told.
        var classes = await _k.EventsAsync(d.Id, DossierEventType.DeadlineClassChanged);
        Assert.Equal(2, classes.Count); // OnTrack→DueSoon, DueSoon→Overdue
        Assert.All(classes, e => Assert.Null(e.ActorId));
        var rungs = await _k.EventsAsync(d.Id, DossierEventType.Escalated);
        Assert.Equal(3, rungs.Count);
        Assert.Contains("Lê Minh Tuấn", rungs[0].Note);
        Assert.Contains("phiếu xin lỗi", rungs[1].Note);
        Assert.Contains("Hoàng Văn Dũng", rungs[1].Note);
        Assert.Contains("Đặng Quốc Bảo", rungs[2].Note);
        Assert.All(rungs, e => Assert.Equal(DossierStatus.InProgress, e.ToStatus));
        Assert.All(rungs, e => Assert.Equal(2, e.ToStep));
        // Published for the dashboards.
        Assert.Equal(5, _k.F.Changes.Published.Count(c => c.DossierId == d.Id && c.Type is DossierEventType.Escalated or DossierEventType.DeadlineClassChanged));
        // Every change bumped the version.
        Assert.True(now.Version > d.Version);
    }

    [Fact]
    public async Task With_e_mail_and_a_webhook_configured_a_rung_goes_out_on_every_channel_once()
    {
        await using (var db = _k.F.Db())
        {
            (await db.Staff.FindAsync(Officer1))!.Email = "officer1@quangtri.gov.vn";
            await db.SaveChangesAsync();
        }
        var configured = new OneStop.Domain.Notifications.NotificationOutbox(Microsoft.Extensions.Options.Options.Create(new NotificationOptions
        {
            WebhookUrl = "http://127.0.0.1:9/sms",
            Smtp = { Host = "127.0.0.1", Sender = "onestop@quangtri.gov.vn" },
        }), _k.F.Clock, new NotificationSignal());
        DeadlineSweep Sweep() => new(_k.F.Contexts, _k.F.Calendars, _k.F.Clock, _k.F.Changes, Microsoft.Extensions.Options.Options.Create(_k.Options), configured);

        _k.At(2026, 4, 29, 9);
        var d = await _k.AtOfficerAsync();
        _k.At(2026, 5, 7, 9, 1);                    // due soon: officer1 is reminded
        await Sweep().RunAsync();
        await Sweep().RunAsync();

        var rows = await _k.NotificationsAsync(d.Id);
        Assert.Equal(
            [NotificationChannel.InApp, NotificationChannel.Email, NotificationChannel.Webhook],
            rows.Where(n => n.RecipientId == Officer1).Select(n => n.Channel).Order());
        Assert.All(rows, n => Assert.EndsWith($":{n.Channel}:{n.RecipientId}", n.DedupeKey));
        Assert.Contains(rows, n => n.DedupeKey == $"{NotificationKinds.DueSoon}:{d.Id}:{DeadlineSweep.RungDueSoon}:InApp:{Officer1}");
    }

    [Fact]
    public async Task A_pooled_dossier_reminds_every_officer_of_the_department()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync(officer: null);
        _k.At(2026, 11, 27, 9, 30); // Friday; due Monday 30/11 09:00
        await _k.Sweep().RunAsync();
        var told = (await _k.NotificationsAsync(d.Id, NotificationKinds.DueSoon)).Select(n => n.RecipientId).Order().ToList();
        Assert.Equal([Officer1, Officer2], told);
    }

    [Fact]
    public async Task An_apology_moves_the_dossier_back_on_track_and_no_rung_fires_twice()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync();
        _k.At(2026, 12, 1, 9); // due Monday 30/11 09:00: overdue by a day
        await _k.Sweep().RunAsync();
        var late = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.Overdue, late.DeadlineClass);
        Assert.Equal(2, late.EscalationLevel);
        // Jumped straight to overdue: the highest rung fires, not a stale "due soon".
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.DueSoon));

        var newAppointment = DeadlineTestKit.Local(2026, 12, 10, 9).UtcDateTime;
        await _k.W.IssueApologyAsync(d.Code, late.Version, Leader1, newAppointment, "Chờ ý kiến Ban Thi đua");
        await _k.Sweep().RunAsync();
        Assert.Equal(DeadlineClass.OnTrack, (await _k.DossierAsync(d.Id)).DeadlineClass);

        _k.At(2026, 12, 10, 10); // late again against the new appointment
        await _k.Sweep().RunAsync();
        var again = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.Overdue, again.DeadlineClass);
        Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.Overdue));
        Assert.Equal(3, (await _k.EventsAsync(d.Id, DossierEventType.DeadlineClassChanged)).Count); // on track → overdue → on track → overdue
    }

    [Fact]
    public async Task A_move_back_older_than_the_lookback_is_found_by_the_start_up_run()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync();
        _k.At(2026, 12, 1, 9);
        await _k.Sweep().RunAsync();
        var late = await _k.DossierAsync(d.Id);
        Assert.Equal(DeadlineClass.Overdue, late.DeadlineClass);
        await _k.W.IssueApologyAsync(d.Code, late.Version, Leader1, DeadlineTestKit.Local(2026, 12, 10, 9).UtcDateTime, "Chờ ý kiến");

        // The scheduler was down for a while: the apology is older than the scheduled sweep's lookback.
        _k.Options.ReverseMoveLookbackDays = 1;
        _k.At(2026, 12, 3, 9);
        Assert.Equal(0, await _k.Sweep().RunAsync());
        Assert.Equal(DeadlineClass.Overdue, (await _k.DossierAsync(d.Id)).DeadlineClass);
        Assert.Equal(1, await _k.Sweep().RunAsync(fullScan: true));
        Assert.Equal(DeadlineClass.OnTrack, (await _k.DossierAsync(d.Id)).DeadlineClass);
    }

    [Fact]
    public async Task Paused_dossiers_are_not_classified()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync();
        d = await _k.W.RequestSupplementAsync(d.Code, d.Version, Officer1, "Thiếu báo cáo thành tích");
        _k.At(2026, 12, 3, 9);
        Assert.Equal(0, await _k.Sweep().RunAsync());
        Assert.Equal(DeadlineClass.OnTrack, (await _k.DossierAsync(d.Id)).DeadlineClass);
        Assert.Empty(await _k.NotificationsAsync(d.Id));
    }

    [Fact]
    public void Classification_thresholds()
    {
        var day = TimeSpan.FromHours(7.5);
        Assert.Equal(DeadlineClass.OnTrack, DeadlineSweep.Classify(day, day));
        Assert.Equal(DeadlineClass.DueSoon, DeadlineSweep.Classify(day - TimeSpan.FromMinutes(1), day));
        Assert.Equal(DeadlineClass.DueSoon, DeadlineSweep.Classify(TimeSpan.Zero, day));
        Assert.Equal(DeadlineClass.Overdue, DeadlineSweep.Classify(TimeSpan.FromMinutes(-1), day));
    }
}
