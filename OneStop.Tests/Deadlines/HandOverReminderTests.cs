using OneStop.Domain.Dossiers;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Deadlines;

public sealed class HandOverReminderTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private async Task RunTwiceAt(int month, int day, int hour, int minute = 0)
    {
        _k.At(2026, month, day, hour, minute);
        await _k.Reminders().RunAsync();
        Assert.Equal(0, await _k.Reminders().RunAsync());
    }

    [Fact]
    public async Task The_handler_is_told_at_once_reminded_after_4_working_hours_and_the_leader_after_4_more()
    {
        // Monday 23 November 2026, 09:00: postal1 receives and hands the dossier to officer1.
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync();

        await RunTwiceAt(11, 23, 9, 1);
        var told = Assert.Single(await _k.NotificationsAsync(d.Id));
        Assert.Equal(NotificationKinds.HandOver, told.Kind);
        Assert.Equal(Officer1, told.RecipientId);
        Assert.Contains(d.Code, told.Subject);
        Assert.NotNull(await _k.Reminders().CursorAsync());

        // 09:00-11:30 and 13:30-14:59: 3 h 59 min of working time, lunch not counted.
        await RunTwiceAt(11, 23, 14, 59);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverReminder));
        await RunTwiceAt(11, 23, 15, 0);
        var reminder = Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverReminder));
        Assert.Equal(Officer1, reminder.RecipientId);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverLeader));

        // 4 more: 15:00-17:00 Monday and 07:30-09:30 Tuesday; the night does not count.
        await RunTwiceAt(11, 24, 9, 29);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverLeader));
        await RunTwiceAt(11, 24, 9, 30);
        var leader = Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverLeader));
        Assert.Equal(Leader1, leader.RecipientId);
        Assert.Contains("Lê Minh Tuấn", leader.Body);

        await RunTwiceAt(11, 26, 10);
        Assert.Equal(3, (await _k.NotificationsAsync(d.Id)).Count);
        var escalations = await _k.EventsAsync(d.Id, DossierEventType.Escalated);
        Assert.Equal(2, escalations.Count);
        Assert.Contains("Lê Minh Tuấn", escalations[0].Note);
        Assert.Contains("Hoàng Văn Dũng", escalations[1].Note);
        Assert.All(escalations, e => Assert.Null(e.ActorId));
    }

    [Fact]
    public async Task Nobody_is_told_of_their_own_action_and_a_new_hand_over_starts_the_clock_again()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync(officer: null); // to the pool: nobody named
        await RunTwiceAt(11, 23, 9, 5);
        Assert.Empty(await _k.NotificationsAsync(d.Id));

        d = await _k.W.AssignAsync(d.Code, d.Version, Officer1, Officer1); // officer1 takes it himself
        await RunTwiceAt(11, 23, 9, 10);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOver));

        _k.At(2026, 11, 23, 10);
        d = await _k.W.AssignAsync(d.Code, d.Version, Leader1, Officer2); // the leader gives it to officer2
        await RunTwiceAt(11, 23, 10, 1);
        Assert.Equal(Officer2, Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOver)).RecipientId);

        // Officer1 held it 09:10-10:00 only: no reminder for him; officer2 is reminded 4 working hours after 10:00.
        await RunTwiceAt(11, 23, 15, 59);
        Assert.Empty(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverReminder));
        await RunTwiceAt(11, 23, 16, 0);
        Assert.Equal(Officer2, Assert.Single(await _k.NotificationsAsync(d.Id, NotificationKinds.HandOverReminder)).RecipientId);
    }

    [Fact]
    public async Task A_crash_after_the_notifications_commit_repeats_nothing()
    {
        _k.At(2026, 11, 23, 9);
        for (var i = 0; i < 3; i++) await _k.AtOfficerAsync();
        await _k.Reminders().NotifyNewHandOversAsync();
        var cursor = await _k.Reminders().CursorAsync();
        Assert.True(cursor > 0);
        Assert.Equal(0, await _k.Reminders().NotifyNewHandOversAsync());
        // Worst case, the cursor is lost (rewound): re-reading every event adds no duplicate, and it moves on again.
        await using (var db = _k.F.Db())
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "UPDATE \"DeadlineCursors\" SET \"Value\" = 0");
        Assert.Equal(0L, await _k.Reminders().CursorAsync());
        Assert.Equal(0, await _k.Reminders().NotifyNewHandOversAsync());
        Assert.Equal(cursor, await _k.Reminders().CursorAsync());
        Assert.Equal(3, (await _k.NotificationsAsync(kind: NotificationKinds.HandOver)).Count);
    }
}
