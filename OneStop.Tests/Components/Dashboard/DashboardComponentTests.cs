using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Dashboard;
using OneStop.Tests.Infrastructure;
using OneStop.Web;
using OneStop.Web.Components.Pages.Dashboard;
using OneStop.Web.Components.Shared;
using OneStop.Web.Live;

namespace OneStop.Tests.Components.Dashboard;

public sealed class DashboardComponentTests : MudTestContext
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(7.5);

    public DashboardComponentTests()
    {
        // The app's default culture; a test below switches to English.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("vi-VN");
    }

    private static OverviewTiles Tiles(int overdue = 3, int dueSoon = 5, int early = 90, int onTime = 8, int late = 2) =>
        new(ReceivedToday: 12, ReceivedCounter: 2, ReceivedOnline: 9, ReceivedPost: 1, Open: 140, DueSoon: dueSoon, Overdue: overdue,
            Early: early, OnTime: onTime, Late: late, ReceivedThisMonth: 400, ReceivedOnlineThisMonth: 314, ReturnedByPostThisMonth: 27);

    [Fact]
    public void Tiles_show_the_figures_Vietnamese_style_and_colour_what_needs_attention()
    {
        var cut = Render<OverviewTilesRow>(p => p.Add(c => c.Tiles, Tiles()));

        Assert.Equal("12", cut.Find("[data-testid=tile-received-value]").TextContent);
        Assert.Contains("Trực tiếp 2 · Trực tuyến 9 · Bưu chính 1", cut.Find("[data-testid=tile-received]").TextContent);
        Assert.Equal("140", cut.Find("[data-testid=tile-open-value]").TextContent);
        Assert.Equal("100", cut.Find("[data-testid=tile-resolved-value]").TextContent);
        Assert.Equal("98,0%", cut.Find("[data-testid=tile-on-time-rate-value]").TextContent);   // (90 + 8) / 100
        Assert.Equal("78,5%", cut.Find("[data-testid=tile-online-share-value]").TextContent);   // 314 / 400
        Assert.Contains("tile-late", cut.Find("[data-testid=tile-overdue]").ClassList);
        Assert.Contains("tile-soon", cut.Find("[data-testid=tile-due-soon]").ClassList);
        Assert.Contains("tile-good", cut.Find("[data-testid=tile-on-time-rate]").ClassList);
    }

    [Fact]
    public void In_English_the_tiles_speak_English_and_numbers_follow_the_culture()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("en-US");
        var cut = Render<OverviewTilesRow>(p => p.Add(c => c.Tiles, Tiles(early: 2500, onTime: 150, late: 4)));

        Assert.Contains("Received today", cut.Find("[data-testid=tile-received]").TextContent);
        Assert.Contains("At the counter 2 · Online 9 · By post 1", cut.Find("[data-testid=tile-received]").TextContent);
        Assert.Equal("2,654", cut.Find("[data-testid=tile-resolved-value]").TextContent);
        Assert.Equal("99.8%", cut.Find("[data-testid=tile-on-time-rate-value]").TextContent);  // 2,650 / 2,654
    }

    [Fact]
    public void Nothing_overdue_is_green_a_poor_on_time_rate_red_and_no_results_a_dash()
    {
        var good = Render<OverviewTilesRow>(p => p.Add(c => c.Tiles, Tiles(overdue: 0, dueSoon: 0, early: 80, onTime: 5, late: 15)));
        Assert.Contains("tile-good", good.Find("[data-testid=tile-overdue]").ClassList);
        Assert.DoesNotContain("tile-soon", good.Find("[data-testid=tile-due-soon]").ClassList);
        Assert.Contains("tile-late", good.Find("[data-testid=tile-on-time-rate]").ClassList); // 85%

        var none = Render<OverviewTilesRow>(p => p.Add(c => c.Tiles, Tiles(early: 0, onTime: 0, late: 0)));
        Assert.Equal("–", none.Find("[data-testid=tile-on-time-rate-value]").TextContent);
    }

    [Theory]
    [InlineData(30.0, "risk-ok", "còn 4 ngày")]
    [InlineData(9.0, "risk-ok", "còn 1 ngày 1 giờ")]
    [InlineData(7.0, "risk-soon", "sắp đến hạn (còn 7 giờ)")]
    [InlineData(0.5, "risk-soon", "sắp đến hạn (còn 30 phút)")]
    [InlineData(-2.0, "risk-overdue", "quá hạn 2 giờ")]
    [InlineData(-10.0, "risk-overdue", "quá hạn 1 ngày 2 giờ")]
    public void Risk_badges_say_the_remaining_working_time_in_words_and_colour(double hours, string css, string words)
    {
        var cut = Render<RiskBadge>(p => p.Add(c => c.Remaining, TimeSpan.FromHours(hours)).Add(c => c.DayLength, Day));
        var badge = cut.Find("[data-testid=risk-badge]");
        Assert.Contains(css, badge.ClassList);
        Assert.Equal(words, badge.TextContent.Trim());
    }

    [Fact]
    public void A_paused_dossier_says_so_whatever_its_remaining_time()
    {
        var cut = Render<RiskBadge>(p => p.Add(c => c.Remaining, TimeSpan.FromHours(-3)).Add(c => c.Paused, true));
        Assert.Contains("risk-paused", cut.Find("[data-testid=risk-badge]").ClassList);
        Assert.Equal("tạm dừng chờ bổ sung", cut.Find("[data-testid=risk-badge]").TextContent.Trim());
    }

    [Fact]
    public void The_department_table_shows_each_departments_queue_and_colours_late_counts()
    {
        var rows = new[]
        {
            new DepartmentRow(1, "SNV", "Sở Nội vụ", true, 2, 5, 1, 3, 4, 1, DueSoon: 2, Overdue: 1, TimeSpan.FromHours(20), ["Nguyễn Thị Hoa"]),
            new DepartmentRow(2, "STP", "Sở Tư pháp", false, 0, 0, 0, 0, 0, 0, DueSoon: 0, Overdue: 0, null, []),
        };
        var cut = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows).Add(c => c.DayLength, Day).Add(c => c.FullNames, true));

        var snv = cut.Find("[data-testid=department-row-SNV]");
        Assert.Contains("Sở Nội vụ", snv.TextContent);
        Assert.Contains("Nguyễn Thị Hoa", snv.TextContent);
        // An anonymous viewer of the public overview gets the covering staff's initials only.
        var anonymous = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows).Add(c => c.DayLength, Day));
        var masked = anonymous.Find("[data-testid=department-row-SNV]").TextContent;
        Assert.Contains("N.T.H.", masked);
        Assert.DoesNotContain("Nguyễn Thị Hoa", masked);
        Assert.Contains("2 ngày 5 giờ", snv.TextContent);                        // 20 h of working time
        Assert.Contains("count-late", snv.QuerySelector("[data-testid=overdue-count]")!.ClassList);
        Assert.Contains("count-soon", snv.QuerySelector("[data-testid=due-soon-count]")!.ClassList);
        var stp = cut.Find("[data-testid=department-row-STP]");
        Assert.Contains("count-ok", stp.QuerySelector("[data-testid=overdue-count]")!.ClassList);
        Assert.Equal(2, cut.FindAll("[data-testid=department-name]").Count);
    }

    [Fact]
    public void The_department_table_puts_the_most_overdue_first_and_sorts_by_a_clicked_header()
    {
        DepartmentRow Row(string code, string name, int overdue, int reception) =>
            new(code.Length, code, name, false, reception, 0, 0, 0, 0, 0, DueSoon: 0, Overdue: overdue, null, []);
        var rows = new[] { Row("A", "Sở Y tế", 1, 9), Row("BB", "Ban Dân tộc", 4, 0), Row("CCC", "Sở Tư pháp", 0, 3) };
        var cut = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows).Add(c => c.DayLength, Day));
        string[] Names() => cut.FindAll("[data-testid=department-name]").Select(a => a.TextContent).ToArray();

        Assert.Equal(["Ban Dân tộc", "Sở Y tế", "Sở Tư pháp"], Names());
        Assert.Equal("descending", cut.Find("[data-testid=sort-overdue]").ParentElement!.GetAttribute("aria-sort"));

        cut.Find("[data-testid=sort-reception]").Click();            // a count: largest first
        Assert.Equal(["Sở Y tế", "Sở Tư pháp", "Ban Dân tộc"], Names());
        cut.Find("[data-testid=sort-name]").Click();                 // a name: A to Z
        Assert.Equal(["Ban Dân tộc", "Sở Tư pháp", "Sở Y tế"], Names());
        Assert.Equal("ascending", cut.Find("[data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort"));
        cut.Find("[data-testid=sort-name]").Click();                 // again: reversed
        Assert.Equal(["Sở Y tế", "Sở Tư pháp", "Ban Dân tộc"], Names());
        Assert.Null(cut.Find("[data-testid=sort-overdue]").ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public void An_empty_center_shows_a_helpful_empty_state()
    {
        using var fixture = new WorkflowFixture();
        var empty = new OverviewSnapshot(DateTime.UtcNow, Tiles(), [], [], [], []);
        Services.AddSingleton(new LiveSnapshot<OverviewSnapshot>(_ => Task.FromResult(empty),
            new DossierChangeHub(NullLogger<DossierChangeHub>.Instance), _ => true, TimeSpan.Zero, TimeSpan.FromMinutes(1), NullLogger.Instance));
        Services.AddSingleton(fixture.Calendars);

        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var cut = Render<Home>();

        var state = cut.Find("[data-testid=empty-state]");
        Assert.Contains("Chưa có đơn vị nào", state.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tiles]"));
    }
}
