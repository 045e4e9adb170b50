using OneStop.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web.Components.Pages.Queues;
using OneStop.Web.Components.Theme;

namespace OneStop.Tests.Components.Queues;

/// <summary>The queue's rows: risk words and colours for given remaining times, the one action per row.</summary>
public sealed class QueueTableTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(7.5);
    private readonly BunitContext _ctx = new();

    public QueueTableTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddOneStopMud();
    }

    public void Dispose() => _ctx.DisposeAsync().AsTask().GetAwaiter().GetResult(); // MudBlazor has IAsyncDisposable-only services

    private static QueueItem Item(string code, TimeSpan remaining, bool overdue = false, bool paused = false,
        QueueReason reason = QueueReason.InMyHands, WorkspaceAction action = WorkspaceAction.HandOver) =>
        new(1, code, "SNV-01", "Tặng Bằng khen của Chủ tịch UBND tỉnh", "SNV", "Nguyễn Văn An", 2, "Thẩm định", StepKind.Processing,
            paused ? DossierStatus.WaitingSupplement : DossierStatus.InProgress, 200,
            new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc), paused ? new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc) : null,
            ResultDelivery.Counter, 3, reason, action, remaining, overdue);

    [Fact]
    public void Each_row_shows_its_remaining_time_in_words_and_colour()
    {
        var items = new[]
        {
            Item("LATE", TimeSpan.FromHours(-3), overdue: true),
            Item("LATE0", TimeSpan.Zero, overdue: true),
            Item("SOON", TimeSpan.FromMinutes(195)),
            Item("OK", TimeSpan.FromHours(9.5)),
            Item("PAUSED", TimeSpan.FromHours(20), paused: true),
        };
        var cut = _ctx.Render<QueueTable>(p => p.Add(x => x.Items, items).Add(x => x.DayLength, Day));

        void Expect(string code, string words, string risk, string badgeClass)
        {
            var badge = cut.Find($"[data-testid='remaining-{code}']");
            Assert.Equal(words, badge.TextContent.Trim());
            Assert.Equal(risk, badge.GetAttribute("data-risk"));
            Assert.Contains(badgeClass, badge.ClassList);
            Assert.Equal(risk, cut.Find($"[data-testid='queue-row-{code}']").GetAttribute("data-risk"));
        }
        Expect("LATE", "quá hạn 3 giờ", "late", "risk-overdue");
        Expect("LATE0", "quá hạn", "late", "risk-overdue");
        Expect("SOON", "sắp đến hạn (còn 3 giờ 15 phút)", "soon", "risk-soon");
        Expect("OK", "còn 1 ngày 2 giờ", "ok", "risk-ok");
        Expect("PAUSED", "tạm dừng chờ bổ sung", "paused", "risk-paused");

        // Rows keep the order they were given (the query sorts), and link to the dossier.
        Assert.Equal(["LATE", "LATE0", "SOON", "OK", "PAUSED"],
            cut.FindAll("[data-testid^='queue-row-']").Select(r => r.GetAttribute("data-testid")!["queue-row-".Length..]));
        Assert.Equal("/dossiers/OK", cut.Find("[data-testid='queue-link-OK']").GetAttribute("href"));
    }

    [Theory]
    [InlineData(-600, true, false, Risk.Overdue, "quá hạn 1 ngày 2 giờ")]
    [InlineData(-90, true, false, Risk.Overdue, "quá hạn 1 giờ 30 phút")]
    [InlineData(-20, true, false, Risk.Overdue, "quá hạn 20 phút")]
    [InlineData(0, false, false, Risk.DueSoon, "sắp đến hạn (đến hạn ngay)")]
    [InlineData(40, false, false, Risk.DueSoon, "sắp đến hạn (còn 40 phút)")]
    [InlineData(449, false, false, Risk.DueSoon, "sắp đến hạn (còn 7 giờ 29 phút)")]
    [InlineData(450, false, false, Risk.OnTrack, "còn 1 ngày")]
    [InlineData(1500, false, false, Risk.OnTrack, "còn 3 ngày 2 giờ")]
    [InlineData(-300, false, true, Risk.Paused, "tạm dừng chờ bổ sung")]
    public void Remaining_time_reads_in_working_days_hours_and_minutes(int minutes, bool overdue, bool paused, Risk risk, string words)
    {
        var view = RemainingView.Of(TimeSpan.FromMinutes(minutes), overdue, paused, Day);
        Assert.Equal((risk, words), (view.Risk, view.Text));
    }

    [Fact]
    public void Each_row_has_one_button_for_what_it_needs_next_and_the_button_reports_its_row()
    {
        var items = new[]
        {
            Item("A", TimeSpan.FromHours(10), reason: QueueReason.ToTake, action: WorkspaceAction.Take),
            Item("B", TimeSpan.FromHours(10), action: WorkspaceAction.HandOver),
            Item("C", TimeSpan.FromHours(10), reason: QueueReason.ToApprove, action: WorkspaceAction.Approve),
            Item("D", TimeSpan.FromHours(10), reason: QueueReason.ToReturn, action: WorkspaceAction.Return),
            Item("E", TimeSpan.FromHours(10), paused: true, action: WorkspaceAction.Resume),
        };
        QueueItem? clicked = null;
        var cut = _ctx.Render<QueueTable>(p => p.Add(x => x.Items, items).Add(x => x.OnAction, (QueueItem i) => clicked = i)
            .Add(x => x.NewCodes, new HashSet<string> { "B" }));

        Assert.Equal(["Nhận xử lý", "Chuyển tiếp", "Phê duyệt", "Trả kết quả", "Tiếp tục"],
            cut.FindAll("[data-testid^='queue-action-']").Select(b => b.QuerySelector(".mud-button-label")!.TextContent.Trim()));
        Assert.Equal("Chờ nhận", cut.Find("[data-testid='queue-reason-A']").TextContent.Trim());
        Assert.Equal("Mới", cut.Find("[data-testid='queue-new-B']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='queue-new-A']"));

        Assert.All(cut.FindAll("[data-testid^='queue-action-']"), b => Assert.False(b.HasAttribute("disabled"), b.OuterHtml));
        cut.Find("[data-testid='queue-action-C']").Click();
        Assert.Equal("C", clicked?.Code);

        // While a dialog is open the buttons wait.
        cut.Render(p => p.Add(x => x.BusyCode, "C"));
        Assert.All(cut.FindAll("[data-testid^='queue-action-']"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
