using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Dashboard;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Layout;
using OneStop.Web.Components.Pages.Dashboard;
using OneStop.Web.Components.Shared;

namespace OneStop.Tests.Components.Dashboard;

/// <summary>
/// The overview's charts as plain SVG markup (SvgChart) shared by every circuit on one snapshot, the lighter overview
/// pieces around them, and the navigation's one read of the sign-in (issue 17, part 3: what a circuit holds).
/// </summary>
public sealed class OverviewChartTests : MudTestContext
{
    public OverviewChartTests() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new("vi-VN");

    private static IReadOnlyList<HourlyIntake> Hours(int atNine = 12) =>
        Enumerable.Range(0, 24).Select(h => new HourlyIntake(h, Counter: h == 9 ? atNine : h == 10 ? 3 : 0, Online: h == 9 ? 4 : h == 22 ? 2 : 0, Post: h == 14 ? 1 : 0)).ToList();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(7, 2)]
    [InlineData(23, 5)]
    [InlineData(130, 50)]
    [InlineData(1_900, 500)]
    public void The_y_axis_steps_are_round_and_at_most_five(double max, double step)
    {
        Assert.Equal(step, SvgChart.NiceStep(max, 5));
        Assert.True(Math.Ceiling(max / step) <= 5);
    }

    [Fact]
    public void Bars_stand_side_by_side_per_label_scaled_to_the_axis_each_with_its_title()
    {
        var svg = SvgChart.Bars(["08h", "09h"], [new("Trực tiếp", "#111111", [10, 2.5]), new("Trực tuyến", "#222222", [0, 1_234])]);
        var doc = Parse(svg);

        var bars = doc.QuerySelectorAll("rect");
        Assert.Equal(4, bars.Length);
        // 1,234 → step 500, axis to 1,500: the tallest bar is 1,234 / 1,500 of the plot's 184 px.
        Assert.Equal(Math.Round(184 * 1_234 / 1_500.0, 1), double.Parse(bars[3].GetAttribute("height")!, CultureInfo.InvariantCulture));
        Assert.Equal("0", bars[1].GetAttribute("height"));
        Assert.Equal(["08h · Trực tiếp: 10", "08h · Trực tuyến: 0", "09h · Trực tiếp: 2,5", "09h · Trực tuyến: 1.234"],
            bars.Select(b => b.QuerySelector("title")!.TextContent).ToArray());
        Assert.Equal(["0", "500", "1.000", "1.500"], doc.QuerySelectorAll("text.tick").Select(t => t.TextContent).Where(t => !t.EndsWith('h')).ToArray());
        Assert.Equal(["08h", "09h"], doc.QuerySelectorAll("text.tick").Select(t => t.TextContent).Where(t => t.EndsWith('h')).ToArray());
    }

    [Fact]
    public void A_line_has_a_marker_per_point_clamped_to_the_axis_and_labels_every_nth_day()
    {
        var labels = Enumerable.Range(1, 11).Select(d => $"{d:00}/11").ToArray();
        var svg = SvgChart.Line(labels, new("Đúng hạn", "#0d47a1", [95, 96, 97, 100, 120, 90, 91, 92, 93, 94, 99.5]), 100, 20, v => v.ToString("0.#", CultureInfo.CurrentCulture) + "%", labelEvery: 5);
        var doc = Parse(svg);

        Assert.Equal(11, doc.QuerySelectorAll("circle").Length);
        Assert.Equal(11, doc.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
        // 120 is drawn at the top like 100, and its title still says 120.
        var cy = doc.QuerySelectorAll("circle").Select(c => c.GetAttribute("cy")).ToArray();
        Assert.Equal(cy[3], cy[4]);
        Assert.Equal("05/11 · Đúng hạn: 120%", doc.QuerySelectorAll("circle")[4].QuerySelector("title")!.TextContent);
        Assert.Equal("11/11 · Đúng hạn: 99,5%", doc.QuerySelectorAll("circle")[10].QuerySelector("title")!.TextContent);
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%", "01/11", "06/11", "11/11"],
            doc.QuerySelectorAll("text.tick").Select(t => t.TextContent).ToArray());
    }

    [Fact]
    public void Names_are_escaped_in_titles_and_the_legend()
    {
        ChartSeries[] series = [new("<b>A & B</b>", "#000", [1])];
        var markup = SvgChart.Bars(["x"], series) + SvgChart.Legend(series);
        Assert.DoesNotContain("<b>", markup);
        Assert.Contains("&lt;b&gt;A &amp; B&lt;/b&gt;", markup);
        Assert.Contains(">Bưu chính · lý do</span>", SvgChart.Legend([new("Bưu chính · lý do", "#000", [1])]));
    }

    [Fact]
    public void The_intake_chart_shows_office_hours_and_any_busy_hour_with_a_legend_per_channel()
    {
        var cut = Render<IntakeChart>(p => p.Add(c => c.Hours, Hours()));

        var labels = cut.FindAll("[data-testid=intake-chart] text.tick").Select(t => t.TextContent).Where(t => t.EndsWith('h')).ToArray();
        Assert.Equal(Enumerable.Range(7, 11).Select(h => $"{h:00}h").Append("22h"), labels);
        Assert.Equal(12 * 3, cut.FindAll("[data-testid=intake-chart] svg.svg-chart rect").Count);
        Assert.Equal(["Trực tiếp", "Trực tuyến", "Bưu chính"], cut.FindAll(".chart-key").Select(k => k.TextContent).ToArray());
        Assert.Contains(cut.FindAll("title"), t => t.TextContent == "09h · Trực tiếp: 12");
        Assert.Equal("img", cut.Find("[data-testid=intake-chart]").GetAttribute("role"));
        Assert.Equal("Tiếp nhận hôm nay theo giờ", cut.Find("[data-testid=intake-chart]").GetAttribute("aria-label"));
    }

    [Fact]
    public void One_snapshot_is_drawn_once_per_culture_and_every_circuit_holds_the_same_string()
    {
        var hours = Hours();
        string? built = null;
        var first = SharedMarkup<IReadOnlyList<HourlyIntake>>.For(hours, _ => built = "svg-vi");
        var again = SharedMarkup<IReadOnlyList<HourlyIntake>>.For(hours, _ => throw new InvalidOperationException("built twice"));
        Assert.Same(first, again);
        Assert.Equal("svg-vi", built);

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new("en-US");
        Assert.Equal("svg-en", SharedMarkup<IReadOnlyList<HourlyIntake>>.For(hours, _ => "svg-en"));
        // A new snapshot's list is drawn anew.
        Assert.Equal("svg-new", SharedMarkup<IReadOnlyList<HourlyIntake>>.For(Hours(), _ => "svg-new"));
    }

    [Fact]
    public void In_English_the_chart_speaks_English()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new("en-US");
        var cut = Render<IntakeChart>(p => p.Add(c => c.Hours, Hours(atNine: 1_200)));
        Assert.Equal(["At the counter", "Online", "By post"], cut.FindAll(".chart-key").Select(k => k.TextContent).ToArray());
        Assert.Contains(cut.FindAll("title"), t => t.TextContent == "09h · At the counter: 1,200");
    }

    [Fact]
    public void A_chart_renders_again_only_when_its_snapshot_changes()
    {
        var hours = Hours();
        var cut = Render<IntakeChart>(p => p.Add(c => c.Hours, hours));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Hours, hours));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Hours, Hours(atNine: 40)));
        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.Contains(cut.FindAll("title"), t => t.TextContent == "09h · Trực tiếp: 40");
    }

    [Fact]
    public void The_on_time_trend_skips_days_without_results_and_says_so_when_there_are_none()
    {
        var today = new DateOnly(2026, 12, 4);
        var days = Enumerable.Range(0, 30).Select(i => new DailyOnTime(today.AddDays(i - 29), i % 3 == 0 ? 0 : 1000, i % 3 == 0 ? 0 : 900 + i)).ToList();
        var cut = Render<OnTimeTrendChart>(p => p.Add(c => c.Days, days));
        Assert.Equal(20, cut.FindAll("[data-testid=on-time-chart] circle").Count);
        Assert.Contains(cut.FindAll("title"), t => t.TextContent == "04/12 · Đúng hạn: 92,9%");

        var none = Render<OnTimeTrendChart>(p => p.Add(c => c.Days, days.Select(d => d with { Resolved = 0, EarlyOrOnTime = 0 }).ToList()));
        Assert.Empty(none.FindAll("svg"));
        Assert.Equal("Chưa có hồ sơ nào được giải quyết trong 30 ngày qua.", none.Find("[data-testid=on-time-chart-empty]").TextContent);
    }

    [Fact]
    public void The_tiles_render_again_only_when_a_figure_changes()
    {
        OverviewTiles T(int open) => new(12, 2, 9, 1, open, 5, 3, 90, 8, 2, 400, 314, 27);
        var cut = Render<OverviewTilesRow>(p => p.Add(c => c.Tiles, T(140)));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Tiles, T(140)));   // the next snapshot, the same figures
        Assert.Equal(renders, cut.RenderCount);
        cut.Render(p => p.Add(c => c.Tiles, T(141)));
        Assert.Equal("141", cut.Find("[data-testid=tile-open-value]").TextContent);
    }

    [Fact]
    public void At_risk_rows_carry_their_badge_as_markup()
    {
        var items = new[]
        {
            new AtRiskDossier("000.00.01.H01-261204-0001", "SXD", "Sở Xây dựng", "Cấp giấy phép", "Thẩm định", "Nguyễn Văn An", DateTime.UtcNow, TimeSpan.FromHours(-3)),
            new AtRiskDossier("000.00.01.H01-261204-0002", "SXD", "Sở Xây dựng", "Cấp giấy phép", "Thẩm định", null, DateTime.UtcNow, TimeSpan.FromHours(2)),
        };
        var cut = Render<AtRiskList>(p => p.Add(c => c.Items, items).Add(c => c.FullNames, true));
        Assert.Equal(["late", "soon"], cut.FindAll("[data-testid=risk-badge]").Select(b => b.GetAttribute("data-risk")).ToArray());
        Assert.Equal("quá hạn 3 giờ", cut.FindAll("[data-testid=risk-badge]")[0].TextContent);
        Assert.Empty(cut.FindComponents<RiskBadge>());
    }

    [Fact]
    public void Department_rows_are_shared_markup_whose_name_link_opens_the_queue_and_the_switch_filters_them()
    {
        DepartmentRow Row(string code, string name, int overdue) =>
            new(1, code, name, false, 1, 2, 0, 0, 0, 0, 0, overdue, TimeSpan.FromHours(3), ["Nguyễn Thị Hoa"]);
        IReadOnlyList<DepartmentRow> rows = [Row("SNV", "Sở Nội vụ", 2), Row("STP", "Sở <Tư> pháp", 0)];

        var all = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows));
        Assert.Equal(["/queues/SNV", "/queues/STP"], all.FindAll("tbody a.row-link").Select(a => a.GetAttribute("href")).ToArray());
        Assert.Equal("Sở <Tư> pháp", all.FindAll("[data-testid=department-name]")[1].TextContent);
        Assert.DoesNotContain("blazor:onclick", all.Find("tbody").OuterHtml);
        // Plain UTF-8 Vietnamese in the markup (as the app writes its pages), only HTML's own characters escaped.
        Assert.Contains("Sở &lt;Tư&gt; pháp", SharedMarkup<IReadOnlyList<DepartmentRow>>.For(rows, $"False|overdue|True|False|{TimeSpan.FromHours(7.5).Ticks}", _ => ""));
        Assert.Equal("N.T.H.", all.FindAll("tbody td")[^1].TextContent);

        var overdue = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows).Add(c => c.OverdueOnly, true));
        Assert.Equal(["SNV"], overdue.FindAll("[data-testid^=department-row-]").Select(r => r.GetAttribute("data-testid")![15..]).ToArray());

        // A second circuit with the same snapshot and view gets the very string the first one built.
        var again = Render<DepartmentTable>(p => p.Add(c => c.Rows, rows));
        Assert.Same(SharedMarkup<IReadOnlyList<DepartmentRow>>.For(rows, $"False|overdue|True|False|{TimeSpan.FromHours(7.5).Ticks}", _ => "not built again"),
            SharedMarkup<IReadOnlyList<DepartmentRow>>.For(rows, $"False|overdue|True|False|{TimeSpan.FromHours(7.5).Ticks}", _ => "not built again"));
        Assert.Equal(all.Find("tbody").OuterHtml, again.Find("tbody").OuterHtml);
        Assert.NotEqual("not built again", SharedMarkup<IReadOnlyList<DepartmentRow>>.For(rows, $"False|overdue|True|False|{TimeSpan.FromHours(7.5).Ticks}", _ => "not built again"));
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("PostalStaff", "/ /staff /my /intake")]
    [InlineData("DepartmentOfficer", "/ /staff /my /intake")]
    [InlineData("DepartmentLeader", "/ /staff /my /reports/monthly")]
    [InlineData("PostalSupervisor", "/ /staff /my /reports/monthly /staffing /planning/handover")]
    [InlineData("Director", "/ /staff /my /reports/monthly /staffing /planning/handover /jobs")]
    [InlineData("Admin", "/ /staff /my /reports/monthly /staffing /jobs /settings")]
    public void The_menu_shows_each_role_the_screens_it_may_open(string? role, string links)
    {
        var user = role is null ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));
        Assert.Equal(links, string.Join(' ', NavMenu.Visible(user).Select(i => i.Href)));
    }

    [Theory]
    [InlineData("/", "/", true)]
    [InlineData("/", "/my", false)]
    [InlineData("/reports/monthly", "/reports/monthly?month=2026-10", true)]
    [InlineData("/staff", "/staff/postal1", true)]
    [InlineData("/staff", "/staffing", false)]
    [InlineData("/staffing", "/staffing", true)]
    public void A_link_is_current_on_its_own_path_and_below_the_overview_only_on_itself(string href, string path, bool current) =>
        Assert.Equal(current, NavMenu.IsCurrent(href, path));

    [Fact]
    public void The_menu_is_one_component_that_marks_the_current_page_and_follows_navigation()
    {
        var director = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "director"), new Claim(ClaimTypes.Role, "Director")], "test"));
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("/staffing");
        var cut = Render<NavMenu>(p => p.Add(c => c.User, director));

        Assert.Equal(["/", "/staff", "/my", "/reports/monthly", "/staffing", "/planning/handover", "/jobs"],
            cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToArray());
        Assert.Equal("/staffing", cut.Find("a[aria-current=page]").GetAttribute("href"));
        Assert.Contains("active", cut.Find("a[aria-current=page]").ClassList);
        Assert.Equal("Điều phối nhân sự", cut.Find("a[aria-current=page] .mud-nav-link-text").TextContent);
        Assert.Empty(cut.FindComponents<MudBlazor.MudNavLink>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudIcon>());

        nav.NavigateTo("/reports/monthly");
        cut.WaitForAssertion(() => Assert.Equal("/reports/monthly", cut.Find("a[aria-current=page]").GetAttribute("href")));
        Assert.Single(cut.FindAll("a[aria-current=page]"));
    }

    private static AngleSharp.Dom.IDocument Parse(string markup) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + markup + "</body>");
}
