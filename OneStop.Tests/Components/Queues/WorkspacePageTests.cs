using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Dossiers;
using OneStop.Web.Components.Pages.Queues;
using OneStop.Web.Live;
using OneStop.Web.Components.Theme;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Components.Queues;

/// <summary>
/// The /my and /dossiers/{code} pages rendered by bUnit over a real SQLite database, with the real
/// change hub: the workflow publishes to it exactly as in the app.
/// </summary>
public sealed class WorkspacePageTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private readonly BunitContext _ctx = new();
    private readonly DossierChangeHub _hub = new(NullLogger<DossierChangeHub>.Instance);
    private readonly DossierWorkflow _workflow;

    public WorkspacePageTests()
    {
        _workflow = new DossierWorkflow(_f.Contexts, _f.Calendars, _f.Clock, _hub);
        _auth = _ctx.AddWorkspace(_f, _hub, _workflow);
    }

    private readonly BunitAuthorizationContext _auth;

    /// <summary>
    /// How long a screen may take to show a change made elsewhere: the hub's call, the page's 200 ms debounce and its
    /// reload from the database. bUnit's default of one second failed on a busy CI machine; "within a second" is the
    /// browser tests' measurement, not these tests'.
    /// </summary>
    private static readonly TimeSpan AfterChange = TimeSpan.FromSeconds(5);

    public void Dispose()
    {
        _ctx.DisposeAsync().AsTask().GetAwaiter().GetResult(); // MudBlazor has IAsyncDisposable-only services
        _f.Dispose();
    }

    private void SignIn(int staffId, StaffRole role)
    {
        _auth.SetAuthorized($"user{staffId}");
        _auth.SetRoles(role.ToString());
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, staffId.ToString()));
    }

    private async Task<Dossier> InPoolAsync()
    {
        var d = await _workflow.ReceiveAsync(ValidIntake(), Postal1);
        return await _workflow.HandOverAsync(d.Code, d.Version, Postal1, null);
    }

    [Fact]
    public void Nothing_waiting_shows_the_empty_state()
    {
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        var cut = _ctx.Render<MyQueuePage>();
        cut.WaitForAssertion(() => Assert.EndsWith("Không có hồ sơ nào đang chờ bạn.", cut.Find("[data-testid='queue-empty']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='queue-table']"));
    }

    [Fact]
    public void Before_the_page_is_live_it_shows_a_loading_indicator_and_reads_nothing()
    {
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        _ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = _ctx.Render<MyQueuePage>();
        Assert.Single(cut.FindAll("[data-testid='queue-loading']"));
        Assert.Empty(cut.FindAll("[data-testid='queue-empty']"));
        Assert.Equal(0, _hub.SubscriberCount);
    }

    [Fact]
    public async Task A_dossier_reaching_the_pool_appears_without_reload_marked_new_and_leaves_when_taken_elsewhere()
    {
        var first = await InPoolAsync();
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        var cut = _ctx.Render<MyQueuePage>();
        cut.WaitForElement($"[data-testid='queue-row-{first.Code}']");
        Assert.Equal(1, _hub.SubscriberCount);

        _f.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await InPoolAsync();
        cut.WaitForElement($"[data-testid='queue-new-{second.Code}']", AfterChange);
        Assert.Equal("Nhận xử lý", cut.Find($"[data-testid='queue-action-{second.Code}'] .mud-button-label").TextContent.Trim());
        Assert.Equal("Chờ nhận", cut.Find($"[data-testid='queue-reason-{second.Code}']").TextContent.Trim());
        Assert.Empty(cut.FindAll($"[data-testid='queue-new-{first.Code}']"));

        // officer2 takes the first one: it leaves officer1's pool.
        await _workflow.AssignAsync(first.Code, first.Version, Officer2, Officer2);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid='queue-row-{first.Code}']")), AfterChange);
        Assert.Single(cut.FindAll("[data-testid^='queue-row-']"));

        // Leaving the page leaves the hub.
        await _ctx.DisposeComponentsAsync();
        Assert.Equal(0, _hub.SubscriberCount);
    }

    [Fact]
    public async Task Taking_from_the_queue_is_two_clicks_and_the_row_then_offers_the_hand_over()
    {
        var d = await InPoolAsync();
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>(); // hosts the dialogs, as the layout does
        var cut = _ctx.Render<MyQueuePage>();
        var take = cut.WaitForElement($"[data-testid='queue-action-{d.Code}']");
        Assert.False(take.HasAttribute("disabled"));
        take.Click();

        dialogs.WaitForElement("[data-testid='dialog-confirm']");
        Assert.Equal("take", dialogs.Find("[data-testid='action-dialog']").GetAttribute("data-action"));
        dialogs.Find("form[data-testid='action-dialog']").Submit();   // Enter in the dialog submits its form

        cut.WaitForAssertion(() => Assert.Equal("Chuyển tiếp", cut.Find($"[data-testid='queue-action-{d.Code}'] .mud-button-label").TextContent.Trim()));
        Assert.Equal("Đang ở bạn", cut.Find($"[data-testid='queue-reason-{d.Code}']").TextContent.Trim());
        await using var db = _f.Db();
        Assert.Equal(Officer1, db.Dossiers.Single(x => x.Code == d.Code).CurrentHandlerId);
    }

    [Fact]
    public async Task The_detail_page_shows_only_the_actions_legal_for_the_status_and_the_person()
    {
        var d = await InPoolAsync();
        d = await _workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);

        SignIn(Officer1, StaffRole.DepartmentOfficer);
        var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
        cut.WaitForElement("[data-testid='actions']");
        Assert.Equal(["action-handover", "action-supplement", "action-refuse", "action-withdraw"],
            cut.FindAll("[data-testid^='action-']").Select(b => b.GetAttribute("data-testid")).Where(t => t != "action-done"));
        Assert.Equal("Lê Minh Tuấn", cut.Find("[data-testid='current-handler']").TextContent.Trim());
        Assert.Equal("0912345678", cut.Find("[data-testid='applicant-phone']").TextContent.Trim());
        Assert.Equal(3, cut.FindAll("[data-testid='timeline-row']").Count);
        Assert.Contains("Thẩm định", cut.Find("[data-testid='current-step']").TextContent);

        // Paused: only resume, refuse and withdraw remain.
        d = await _workflow.RequestSupplementAsync(d.Code, d.Version, Officer1, "Thiếu tờ trình");
        var paused = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
        paused.WaitForElement("[data-testid='actions']");
        Assert.Equal(["action-resume", "action-refuse", "action-withdraw"], paused.FindAll("[data-testid^='action-']").Select(b => b.GetAttribute("data-testid")));
        Assert.Equal("/dossiers/" + d.Code + "/supplement-request", paused.Find("[data-testid='print-supplement-request']").GetAttribute("href"));
        Assert.Equal("paused", paused.Find("[data-testid='remaining']").GetAttribute("data-risk"));
    }

    [Fact]
    public async Task Someone_of_another_department_is_sent_to_denied()
    {
        var d = await InPoolAsync();
        SignIn(OtherOfficer, StaffRole.DepartmentOfficer);
        var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
        var nav = _ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/denied", nav.Uri));
        Assert.Empty(cut.FindAll("[data-testid='applicant-name']"));
    }

    [Fact]
    public async Task The_postal_supervisor_sees_masked_applicant_data_and_no_actions()
    {
        var d = await InPoolAsync();
        SignIn(Supervisor, StaffRole.PostalSupervisor);
        var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
        cut.WaitForElement("[data-testid='applicant-masked']");
        Assert.Equal("09******78", cut.Find("[data-testid='applicant-phone']").TextContent.Trim());
        Assert.Equal("04********34", cut.Find("[data-testid='applicant-id']").TextContent.Trim());
        Assert.Equal("N***** V** A*", cut.Find("[data-testid='applicant-name']").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid='no-actions']"));
    }

    [Fact]
    public async Task When_someone_else_acts_the_detail_page_reloads_and_says_so()
    {
        var d = await InPoolAsync();
        SignIn(Leader1, StaffRole.DepartmentLeader);
        var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
        cut.WaitForElement("[data-testid='action-assign']");
        Assert.Equal("Phòng chuyên môn (chờ nhận)", cut.Find("[data-testid='current-handler']").TextContent.Trim());

        await _workflow.AssignAsync(d.Code, d.Version, Officer2, Officer2);

        cut.WaitForAssertion(() => Assert.Equal("Phạm Thu Hà", cut.Find("[data-testid='current-handler']").TextContent.Trim()), AfterChange);
        Assert.Contains("Hồ sơ vừa được cập nhật", cut.Find("[data-testid='updated-notice']").TextContent);
        Assert.Contains("Phạm Thu Hà", cut.Find("[data-testid='updated-notice']").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid='timeline-row']").Count);
    }

    [Fact]
    public async Task The_workflows_own_validation_shows_under_its_field()
    {
        var d = await _workflow.ReceiveAsync(ValidIntake(delivery: ResultDelivery.Post), Postal1);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Postal1, null);
        d = await _workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Officer1, null);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Officer1, Leader1);
        d = await _workflow.ApproveAsync(d.Code, d.Version, Leader1);
        SignIn(Postal1, StaffRole.PostalStaff);
        var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = _ctx.Render<MyQueuePage>();

        cut.WaitForElement($"[data-testid='queue-action-{d.Code}']").Click();
        dialogs.WaitForElement("[data-testid='tracking-number']");
        dialogs.Find("form[data-testid='action-dialog']").Submit();
        Assert.Equal("Mã bưu gửi: bắt buộc khi trả kết quả qua bưu chính.", dialogs.Find("[data-testid='error-PostalTrackingNumber']").TextContent.Trim());

        // The screen does not check the format; the workflow does, and its message lands under the same field.
        dialogs.Find("[data-testid='tracking-number']").Change("EL12345");
        dialogs.Find("form[data-testid='action-dialog']").Submit();
        dialogs.WaitForAssertion(() => Assert.Equal("Mã bưu gửi: gồm 2 chữ cái, 9 chữ số và 2 chữ cái, ví dụ EL123456789VN.",
            dialogs.Find("[data-testid='error-PostalTrackingNumber']").TextContent.Trim()));
        Assert.False(dialogs.Find("[data-testid='dialog-confirm']").HasAttribute("disabled"));

        dialogs.Find("[data-testid='tracking-number']").Change("el123456789vn");
        dialogs.Find("form[data-testid='action-dialog']").Submit();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid='queue-row-{d.Code}']")), AfterChange);
        await using var db = _f.Db();
        var returned = db.Dossiers.Single(x => x.Code == d.Code);
        Assert.Equal((DossierStatus.Returned, "EL123456789VN", (bool?)null), (returned.Status, returned.PostalTrackingNumber, returned.Satisfied));
    }

    [Fact]
    public async Task A_dialog_names_the_missing_field_and_shows_that_someone_else_acted_first()
    {
        var d = await InPoolAsync();
        d = await _workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>(); // hosts the dialogs, as the layout does
        var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));

        cut.WaitForElement("[data-testid='action-refuse']").Click();
        dialogs.WaitForElement("[data-testid='dialog-confirm']");
        dialogs.Find("form[data-testid='action-dialog']").Submit();
        Assert.Equal("Lý do từ chối: bắt buộc.", dialogs.Find("[data-testid='error-Reason']").TextContent.Trim());

        // Someone else acts first: the dialog shows the workflow's concurrency message and no longer confirms.
        await _workflow.HandOverAsync(d.Code, d.Version, Leader1, null);
        dialogs.Find("[data-testid='reason']").Change("Không thuộc thẩm quyền");
        dialogs.Find("form[data-testid='action-dialog']").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("vừa được người khác cập nhật", dialogs.Find("[data-testid='dialog-error']").TextContent));
        Assert.True(dialogs.Find("[data-testid='dialog-confirm']").HasAttribute("disabled"));
    }
}
