using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Notifications;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Deadlines;

public sealed class DailyDigestTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    private async Task SetAppointmentAsync(long id, DateTimeOffset at)
    {
        await using var db = _k.F.Db();
        var d = await db.Dossiers.FirstAsync(x => x.Id == id);
        d.AppointmentAt = at.UtcDateTime;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Each_handler_gets_one_digest_a_working_day_listing_what_is_due_today_and_overdue()
    {
        _k.At(2026, 11, 23, 9);
        var overdue = await _k.AtOfficerAsync();
        var dueToday = await _k.AtOfficerAsync();
        var dueTomorrow = await _k.AtOfficerAsync();
        var other = await _k.AtOfficerAsync(Officer2);
        await SetAppointmentAsync(overdue.Id, DeadlineTestKit.Local(2026, 11, 24, 16));
        await SetAppointmentAsync(dueToday.Id, DeadlineTestKit.Local(2026, 11, 25, 16));
        await SetAppointmentAsync(dueTomorrow.Id, DeadlineTestKit.Local(2026, 11, 26, 8));
        await SetAppointmentAsync(other.Id, DeadlineTestKit.Local(2026, 11, 25, 7, 30));

        _k.At(2026, 11, 25, 7, 30); // Wednesday
        Assert.Equal(2, await _k.Digest().RunAsync());
        Assert.Equal(0, await _k.Digest().RunAsync()); // once per person per day

        var digests = await _k.NotificationsAsync(kind: NotificationKinds.Digest);
        Assert.Equal(2, digests.Count);
        var mine = Assert.Single(digests, n => n.RecipientId == Officer1);
        Assert.Equal(DailyDigest.Key(new DateOnly(2026, 11, 25), Officer1), mine.DedupeKey);
        Assert.Equal("Việc hôm nay 25/11/2026: 1 hồ sơ đến hạn, 1 hồ sơ quá hạn", mine.Subject);
        var lines = mine.Body.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{overdue.Code}: quá hạn, hẹn trả 24/11/2026 16:00", lines[0].TrimEnd('\r'));
        Assert.Equal($"{dueToday.Code}: đến hạn hôm nay, hẹn trả 25/11/2026 16:00", lines[1].TrimEnd('\r'));
        Assert.DoesNotContain(dueTomorrow.Code, mine.Body);
        var hers = Assert.Single(digests, n => n.RecipientId == Officer2);
        Assert.Contains(other.Code, hers.Body);

        // The next day is another digest.
        _k.At(2026, 11, 26, 7, 30);
        Assert.Equal(2, await _k.Digest().RunAsync());
    }

    [Fact]
    public async Task No_digest_on_a_day_off()
    {
        _k.At(2026, 11, 23, 9);
        var d = await _k.AtOfficerAsync();
        await SetAppointmentAsync(d.Id, DeadlineTestKit.Local(2026, 11, 24, 9));
        _k.At(2026, 11, 28, 7, 30); // Saturday
        Assert.Equal(0, await _k.Digest().RunAsync());
        _k.At(2027, 1, 1, 7, 30); // New Year's day, a Friday
        Assert.Equal(0, await _k.Digest().RunAsync());
        Assert.Empty(await _k.NotificationsAsync(kind: NotificationKinds.Digest));
    }
}
