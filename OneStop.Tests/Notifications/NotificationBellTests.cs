using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneStop.Domain.Notifications;
using OneStop.Domain.Staffing;
using OneStop.Web.Components.Pages.Notifications;
using OneStop.Web.Components.Shared;
using OneStop.Web.Components.Theme;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Notifications;

/// <summary>
/// The header bell and /notifications rendered by bUnit over a real SQLite file, interactive, with the
/// real outbox, signal and inbox: the count moves without a reload.
/// </summary>
public sealed class NotificationBellTests : IDisposable
{
    private readonly NotificationTestBed _bed = new();
    private readonly BunitContext _ctx = new();

    public NotificationBellTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddOneStopMud();
        _ctx.Services.AddSingleton(_bed.Inbox);
        _ctx.Services.AddSingleton(_bed.Signal);
        _ctx.Services.AddSingleton<TimeProvider>(_bed.F.Clock);
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("officer1");
        auth.SetRoles(nameof(StaffRole.DepartmentOfficer));
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, Officer1.ToString()));
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public void Dispose()
    {
        _ctx.DisposeAsync().AsTask().GetAwaiter().GetResult(); // MudBlazor has IAsyncDisposable-only services
        _bed.Dispose();
    }

    private static OutboxMessage Message(string extra, string code = "SNV-261123-0001") =>
        new(NotificationKinds.HandOver, $"Hồ sơ {code} đã chuyển đến bạn ({extra})", "Hồ sơ đang chờ thẩm định.", 1234, code, extra);

    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_unread_count_rises_as_notifications_arrive_and_falls_on_mark_all_read()
    {
        var cut = _ctx.Render<NotificationBell>();
        Assert.Equal("0", cut.Find("[data-testid='bell-count']").TextContent);
        cut.WaitForState(() => _bed.Signal.SubscriberCount == 1, Quickly);

        // Written in this process: the outbox signals after the commit.
        await _bed.NotifyAsync(Officer1, Message("1"));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid='bell-count']").TextContent), Quickly);
        await _bed.NotifyAsync(Officer1, Message("2", "SNV-261123-0002"));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid='bell-count']").TextContent), Quickly);

        // Somebody else's notification leaves this bell alone; delivery (InApp -> Sent) keeps them unread.
        await _bed.NotifyAsync(Officer2, Message("3"));
        await _bed.Delivery.DeliverDueAsync(_bed.Now);
        Assert.Equal("2", cut.Find("[data-testid='bell-count']").TextContent);

        // Open the list: the latest first, each linked to its dossier.
        await cut.Find("[data-testid='bell-button']").ClickAsync(new());
        var items = cut.FindAll("[data-testid='bell-item']");
        Assert.Equal(2, items.Count);
        Assert.Contains("SNV-261123-0002", items[0].TextContent);
        Assert.Equal("/dossiers/SNV-261123-0002", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.All(items, i => Assert.Contains("unread", i.ClassName));

        await cut.Find("[data-testid='bell-mark-all-read']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid='bell-count']").TextContent), Quickly);
        Assert.All(cut.FindAll("[data-testid='bell-item']"), i => Assert.Contains("read", i.ClassName));
        Assert.All(_bed.Rows().Where(r => r.RecipientId == Officer1), r => Assert.Equal(_bed.Now, r.ReadAt));
        Assert.Null(_bed.Rows().Single(r => r.RecipientId == Officer2).ReadAt);
    }

    [Fact]
    public async Task A_notification_written_under_another_language_updates_the_bell_in_its_own()
    {
        // CI: an English page's bell said "8 thông báo chưa đọc" after a job (Vietnamese, the default) wrote notifications.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("en-US");
        var cut = _ctx.Render<NotificationBell>();
        cut.WaitForState(() => _bed.Signal.SubscriberCount == 1, Quickly);
        Assert.Equal("0 unread notifications", cut.Find("[data-testid='bell-button']").GetAttribute("aria-label"));

        await Task.Run(async () =>
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("vi-VN");
            await _bed.NotifyAsync(Officer1, Message("1"));
        });

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid='bell-count']").TextContent), Quickly);
        Assert.Equal("1 unread notifications", cut.Find("[data-testid='bell-button']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Rows_written_by_another_process_show_on_the_next_tick()
    {
        var cut = _ctx.Render<NotificationBell>();
        cut.WaitForState(() => _bed.Signal.SubscriberCount == 1, Quickly);

        // Another process: its own outbox and signal, so nothing reaches this bell but the database.
        var elsewhere = new NotificationOutbox(Options.Create(_bed.Options), _bed.F.Clock, new NotificationSignal());
        await using (var db = _bed.F.Db())
        {
            await elsewhere.AddAsync(db, Officer1, Message("1"));
            await elsewhere.SaveAsync(db);
        }
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid='bell-count']").TextContent), NotificationBell.Tick * 2);
    }

    [Fact]
    public async Task The_bell_leaves_the_signal_when_disposed()
    {
        var cut = _ctx.Render<NotificationBell>();
        cut.WaitForState(() => _bed.Signal.SubscriberCount == 1, Quickly);
        await _ctx.DisposeComponentsAsync();
        Assert.Equal(0, _bed.Signal.SubscriberCount);
        await _bed.NotifyAsync(Officer1, Message("1")); // nobody listening: must not throw
    }

    [Fact]
    public async Task The_notifications_page_shows_delivery_status_per_channel()
    {
        await using var hook = new WebhookTestEndpoint { Status = 500 };
        _bed.Options.WebhookUrl = hook.Url.ToString();
        _bed.Options.MaxAttempts = 1;
        await _bed.NotifyAsync(Officer1, Message("1"));
        await _bed.Delivery.DeliverDueAsync(_bed.Now);

        var cut = _ctx.Render<NotificationsPage>();
        // The page loads after its first render; a server's round trip (PostgreSQL) can outlast that render.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='notification-row']")), Quickly);
        var row = Assert.Single(cut.FindAll("[data-testid='notification-row']"));
        Assert.Contains("Hồ sơ SNV-261123-0001 đã chuyển đến bạn (1)", row.TextContent);
        var statuses = cut.FindAll("[data-testid='delivery-status']");
        Assert.Equal(["InApp:Sent", "Webhook:Failed"], statuses.Select(s => $"{s.GetAttribute("data-channel")}:{s.GetAttribute("data-status")}"));
        Assert.Contains("Chưa đọc", statuses[0].TextContent);
        Assert.Contains("Gửi thất bại", statuses[1].TextContent);
        Assert.Contains("1 lần thử", statuses[1].TextContent);
        Assert.Contains("500", statuses[1].TextContent);
    }
}
