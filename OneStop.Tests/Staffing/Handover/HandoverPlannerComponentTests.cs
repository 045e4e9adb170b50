using System.Globalization;
using Bunit;
using OneStop.Domain.Staffing.Planning.Handover;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Planning;
using static OneStop.Tests.Staffing.Handover.HandoverModelTests;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// The planner component in bUnit on the made-up one-hour center of <see cref="HandoverModelTests"/> (no database):
/// bad settings get the rule's message and change no figure; ticking departments recalculates; the suggestion is
/// the hand-computed best set. Vietnamese, the default language.
/// </summary>
public sealed class HandoverPlannerComponentTests : MudTestContext
{
    private static readonly HandoverInputs Inputs = WithCurrent(Center((A, 12, 10, 0), (B, 0, 10, 0.3), (C, 0, 10, 0), (D, 3, 10, 0)), B);

    private static HandoverInputs WithCurrent(HandoverInputs i, params int[] covered) =>
        i with { Departments = i.Departments.Select(d => d with { PostalCovered = covered.Contains(d.DepartmentId) }).ToList() };

    private static T InVietnamese<T>(Func<T> act)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try { return act(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    private IRenderedComponent<HandoverPlanner> Render() =>
        Render<HandoverPlanner>(p => p.Add(c => c.Inputs, Inputs));

    /// <summary>MudTextField puts its extra attributes on the input itself.</summary>
    private static void Type(IRenderedComponent<HandoverPlanner> cut, string testId, string value) =>
        cut.Find($"input[data-testid={testId}]").Input(value);

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("3,5")]
    [InlineData("ba")]
    [InlineData("")]
    public void A_bad_staff_count_names_the_rule_and_changes_nothing(string typed) => InVietnamese(() =>
    {
        var cut = Render();
        var peak = cut.Find("[data-testid=plan-peak]").TextContent;
        var hoursCaption = cut.Find("[data-testid=handover-hours] caption").TextContent;

        Type(cut, "handover-staff", typed);
        cut.Find("button[data-testid=handover-apply]").Click();

        Assert.Contains("Số nhân viên bưu điện phải là số nguyên từ 1 đến 50.", cut.Markup);
        Assert.NotNull(cut.Find("[data-testid=handover-invalid]"));
        Assert.Equal(peak, cut.Find("[data-testid=plan-peak]").TextContent);
        Assert.Equal(hoursCaption, cut.Find("[data-testid=handover-hours] caption").TextContent);
        return 0;
    });

    [Fact]
    public void The_other_two_settings_have_their_own_rules() => InVietnamese(() =>
    {
        var cut = Render();
        Type(cut, "handover-target", "100");
        Type(cut, "handover-answer", "0");
        cut.Find("button[data-testid=handover-apply]").Click();
        Assert.Contains("Tỷ lệ khách được phục vụ phải là số nguyên từ 50 đến 99.", cut.Markup);
        Assert.Contains("Hạn chờ phải là số nguyên từ 1 đến 60 phút.", cut.Markup);
        Assert.DoesNotContain("Số nhân viên bưu điện phải là", cut.Markup);
        return 0;
    });

    /// <summary>Starts on today's set ({B}: 1 person at the peak); ticking A makes it A + B (3, as HandoverModelTests works out); clearing all shows the empty state.</summary>
    [Fact]
    public void Ticking_departments_recalculates_the_plan() => InVietnamese(() =>
    {
        var cut = Render();
        Assert.Equal("1", cut.Find("[data-testid=plan-peak]").TextContent);
        cut.Find("[data-testid=handover-dept-D1]").Change(true);
        Assert.Equal("3", cut.Find("[data-testid=plan-peak]").TextContent);
        Assert.Equal("4,0", cut.Find("[data-testid=plan-freed]").TextContent);
        cut.Find("button[data-testid=handover-select-none]").Click();
        Assert.Contains("Chưa chọn sở, ngành nào", cut.Find("[data-testid=handover-nothing]").TextContent);
        return 0;
    });

    /// <summary>With 2 people the best set is B + C + D (HandoverModelTests); it is ticked and joins the comparison.</summary>
    [Fact]
    public void The_suggestion_for_a_valid_staff_count_is_ticked_and_compared() => InVietnamese(() =>
    {
        var cut = Render();
        Type(cut, "handover-staff", " 2 ");
        cut.Find("button[data-testid=handover-apply]").Click();
        Assert.Contains("Đã tính lại với 2 người", cut.Find("[data-testid=handover-applied]").TextContent);
        cut.Find("button[data-testid=handover-suggest]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=compare-plan]").Count));
        Assert.Equal(["D2", "D3", "D4"], Inputs.Departments.Where(d => cut.Find($"[data-testid=handover-dept-{d.Code}]").HasAttribute("checked")).Select(d => d.Code));
        Assert.Equal("Suggested", cut.FindAll("[data-testid=compare-plan]")[1].GetAttribute("data-kind"));
        Assert.Equal("4,0", cut.FindAll("[data-testid=compare-freed]")[1].TextContent);
        Assert.Contains("toàn bộ", cut.Find("[data-testid=handover-suggestion-note]").TextContent);
        return 0;
    });
}
