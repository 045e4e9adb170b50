using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Web.Components.Pages.Queues;
using OneStop.Web.Components.Shared;
using OneStop.Web.Components.Theme;

namespace OneStop.Tests.Components.Queues;

/// <summary>
/// The queue's rows on an English screen (UI culture en-US, as the culture cookie sets it): remaining time, status,
/// reason, the one action and the column headers in English, the data (procedure, applicant, step) as written and
/// marked translate="no". The Vietnamese side is QueueTableTests. Also the sentence-with-data helper the toasts use.
/// </summary>
public sealed partial class QueueTableEnglishTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(7.5);
    private readonly BunitContext _ctx = new();

    public QueueTableEnglishTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddOneStopMud();
    }

    public void Dispose() => _ctx.DisposeAsync().AsTask().GetAwaiter().GetResult(); // MudBlazor has IAsyncDisposable-only services

    /// <summary>Runs <paramref name="body"/> in the UI culture the culture cookie gives a circuit, then restores the thread's.</summary>
    private static void In(string culture, Action body)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { body(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [GeneratedRegex(@"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();

    private static QueueItem Item(string code, TimeSpan remaining, bool overdue = false, bool paused = false,
        QueueReason reason = QueueReason.InMyHands, WorkspaceAction action = WorkspaceAction.HandOver) =>
        new(1, code, "SNV-01", "Tặng Bằng khen của Chủ tịch UBND tỉnh", "SNV", "Nguyễn Văn An", 2, "Thẩm định", StepKind.Processing,
            paused ? DossierStatus.WaitingSupplement : DossierStatus.InProgress, 200,
            new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc), paused ? new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc) : null,
            ResultDelivery.Counter, 3, reason, action, remaining, overdue);

    /// <summary>Text nodes outside data marked translate="no" that carry a Vietnamese letter.</summary>
    private static List<string> ChromeWithVietnamese(INode root)
    {
        var found = new List<string>();
        void Walk(INode n)
        {
            if (n is IElement e && (e.GetAttribute("translate") == "no" || e.LocalName is "style" or "script")) return;
            if (n.NodeType == NodeType.Text && n.TextContent.Trim() is { Length: > 0 } t && VietnameseLetter().IsMatch(t)) found.Add(t);
            foreach (var c in n.ChildNodes) Walk(c);
        }
        Walk(root);
        return found;
    }

    [Fact]
    public void An_English_queue_shows_its_chrome_in_English_and_its_data_as_written() => In("en-US", () =>
    {
        var items = new[]
        {
            Item("LATE", TimeSpan.FromHours(-3), overdue: true),
            Item("SOON", TimeSpan.FromMinutes(195), reason: QueueReason.ToTake, action: WorkspaceAction.Take),
            Item("OK", TimeSpan.FromHours(9.5), reason: QueueReason.ToApprove, action: WorkspaceAction.Approve),
            Item("PAUSED", TimeSpan.FromHours(20), paused: true, action: WorkspaceAction.Resume),
        };
        var cut = _ctx.Render<QueueTable>(p => p.Add(x => x.Items, items).Add(x => x.DayLength, Day).Add(x => x.NewCodes, new HashSet<string> { "OK" }));

        string Text(string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();
        Assert.Equal("overdue 3 h", Text("remaining-LATE"));
        Assert.Equal("due soon (3 h 15 min left)", Text("remaining-SOON"));
        Assert.Equal("1 day 2 h left", Text("remaining-OK"));
        Assert.Equal("paused, awaiting documents", Text("remaining-PAUSED"));
        Assert.Equal("In progress", Text("queue-status-LATE"));
        Assert.Equal("Awaiting documents", Text("queue-status-PAUSED"));
        Assert.Equal("Waiting to be taken", Text("queue-reason-SOON"));
        Assert.Equal("With you", Text("queue-reason-LATE"));
        Assert.Equal("New", Text("queue-new-OK"));
        Assert.Equal(["Hand over", "Take", "Approve", "Resume"],
            cut.FindAll("[data-testid^='queue-action-']").Select(b => b.QuerySelector(".mud-button-label")!.TextContent.Trim()));
        Assert.Equal(["Dossier", "Procedure", "Current step", "Status", "Deadline", "Actions"],
            cut.FindAll("thead th").Select(th => th.TextContent.Trim()));

        // The data is still there, as written, and marked so.
        Assert.Contains(cut.FindAll("[translate=no]"), e => e.TextContent.Contains("Tặng Bằng khen của Chủ tịch UBND tỉnh"));
        Assert.Contains(cut.FindAll("[translate=no]"), e => e.TextContent.Trim() == "Thẩm định");
        Assert.Empty(ChromeWithVietnamese(cut.Find("[data-testid='queue-table']")));
    });

    [Theory]
    [InlineData(-600, true, false, Risk.Overdue, "overdue 1 day 2 h")]
    [InlineData(-20, true, false, Risk.Overdue, "overdue 20 min")]
    [InlineData(0, true, false, Risk.Overdue, "overdue")]
    [InlineData(0, false, false, Risk.DueSoon, "due now")]
    [InlineData(40, false, false, Risk.DueSoon, "due soon (40 min left)")]
    [InlineData(450, false, false, Risk.OnTrack, "1 day left")]
    [InlineData(1500, false, false, Risk.OnTrack, "3 days 2 h left")]
    [InlineData(-300, false, true, Risk.Paused, "paused, awaiting documents")]
    public void Remaining_time_reads_in_English_working_days_hours_and_minutes(int minutes, bool overdue, bool paused, Risk risk, string words)
    {
        RemainingView? view = null;
        In("en-US", () => view = RemainingView.Of(TimeSpan.FromMinutes(minutes), overdue, paused, Day));
        Assert.Equal((risk, words), (view!.Risk, view.Text));
    }

    [Fact]
    public void A_sentence_with_data_encodes_the_data_and_marks_it_untranslated()
    {
        var t = _ctx.Services.GetRequiredService<IStringLocalizer<QueuesResource>>();
        In("en-US", () => Assert.Equal("step «<span translate=\"no\">Thẩm định &lt;b&gt;</span>»", DataMarkup.Sentence(t, "AtStep", "Thẩm định <b>").Value));
        In("vi-VN", () => Assert.Equal("bước «<span translate=\"no\">Thẩm định</span>»", DataMarkup.Sentence(t, "AtStep", "Thẩm định").Value));
    }
}
