using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Dossiers;
using OneStop.Web.Components.Theme;
using OneStop.Web.Live;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Components.Dossiers;

/// <summary>
/// The dossier page and its action dialog on an English screen (UI culture en-US, as the culture cookie sets it):
/// the chrome is English, the data stays as written (marked translate="no"), a refused action names its field and rule
/// in English beside the field, both the dialog's own check and the workflow's (through UiText.Say), and what the
/// workflow stores stays Vietnamese, the language of record. The Vietnamese side is WorkspacePageTests.
/// </summary>
public sealed partial class DossierPageEnglishTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private readonly BunitContext _ctx = new();
    private readonly DossierChangeHub _hub = new(NullLogger<DossierChangeHub>.Instance);
    private readonly DossierWorkflow _workflow;
    private readonly BunitAuthorizationContext _auth;

    public DossierPageEnglishTests()
    {
        _workflow = new DossierWorkflow(_f.Contexts, _f.Calendars, _f.Clock, _hub);
        _auth = _ctx.AddWorkspace(_f, _hub, _workflow);
    }

    public void Dispose()
    {
        _ctx.DisposeAsync().AsTask().GetAwaiter().GetResult(); // MudBlazor has IAsyncDisposable-only services
        _f.Dispose();
    }

    [GeneratedRegex(@"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();

    private void SignIn(int staffId, StaffRole role)
    {
        _auth.SetAuthorized($"user{staffId}");
        _auth.SetRoles(role.ToString());
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, staffId.ToString()));
    }

    /// <summary>Runs <paramref name="body"/> with the English UI culture the culture cookie gives a circuit, then restores it.</summary>
    private static async Task InEnglishAsync(Func<Task> body)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        try { await body(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }

    /// <summary>Text nodes of the chrome: everything but data marked translate="no" (names, codes, notes people wrote).</summary>
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
    public async Task In_English_the_dossier_page_and_its_dialog_show_no_Vietnamese_outside_the_data()
    {
        var d = await _workflow.ReceiveAsync(ValidIntake(), Postal1);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Postal1, null);
        d = await _workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);
        SignIn(Officer1, StaffRole.DepartmentOfficer);
        await InEnglishAsync(() =>
        {
            var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>();
            var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
            cut.WaitForElement("[data-testid='action-refuse']");

            Assert.Equal($"Dossier {d.Code}", cut.Find("h1").TextContent.Trim());
            Assert.Contains("What you can do", cut.Find("[data-testid='actions']").TextContent);
            Assert.Equal("Refuse", cut.Find("[data-testid='action-refuse']").TextContent.Trim());
            // The page shows data too (the applicant, the procedure, the history's notes): it must be there, and marked.
            Assert.Contains(cut.FindAll("[translate='no']"), e => VietnameseLetter().IsMatch(e.TextContent));
            var page = ChromeWithVietnamese(cut.Find(".dossier-page"));
            Assert.True(page.Count == 0, "Vietnamese in the English page chrome:\n" + string.Join("\n", page));

            cut.Find("[data-testid='action-refuse']").Click();
            dialogs.WaitForElement("[data-testid='dialog-confirm']");
            Assert.Equal("Reason for refusal", dialogs.Find("label[for='reason']").TextContent.Trim());
            var dialog = ChromeWithVietnamese(dialogs.Find(".mud-dialog"));
            Assert.True(dialog.Count == 0, "Vietnamese in the English dialog:\n" + string.Join("\n", dialog));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task In_English_a_refused_action_names_the_field_and_rule_in_English_beside_it_and_changes_nothing()
    {
        var d = await _workflow.ReceiveAsync(ValidIntake(delivery: ResultDelivery.Post), Postal1);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Postal1, null);
        d = await _workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Officer1, null);
        d = await _workflow.HandOverAsync(d.Code, d.Version, Officer1, Leader1);
        d = await _workflow.ApproveAsync(d.Code, d.Version, Leader1);
        var version = d.Version;
        SignIn(Postal1, StaffRole.PostalStaff);
        await InEnglishAsync(async () =>
        {
            var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>();
            var cut = _ctx.Render<DossierPage>(p => p.Add(x => x.Code, d.Code));
            cut.WaitForElement("[data-testid='action-return']").Click();
            dialogs.WaitForElement("[data-testid='tracking-number']");

            // The dialog's own check: the field is empty.
            dialogs.Find("form[data-testid='action-dialog']").Submit();
            Assert.Equal("Postal tracking number: required when the result goes by post.",
                dialogs.Find("[data-testid='error-PostalTrackingNumber']").TextContent.Trim());

            // The workflow's check of the format, said through UiText.Say in the circuit's language, under the same field.
            dialogs.Find("[data-testid='tracking-number']").Change("EL12345");
            dialogs.Find("form[data-testid='action-dialog']").Submit();
            dialogs.WaitForAssertion(() => Assert.Equal("Postal tracking number: 2 letters, 9 digits and 2 letters, e.g. EL123456789VN.",
                dialogs.Find("[data-testid='error-PostalTrackingNumber']").TextContent.Trim()));
            Assert.Empty(dialogs.FindAll("[data-testid='dialog-error']"));
            await using (var db = _f.Db())
            {
                var unchanged = await db.Dossiers.SingleAsync(x => x.Code == d.Code);
                Assert.Equal((version, (string?)null), (unchanged.Version, unchanged.PostalTrackingNumber));
            }

            // Done in English, stored in Vietnamese: the event's note is the center's language of record.
            dialogs.Find("[data-testid='tracking-number']").Change("EL123456789VN");
            dialogs.Find("form[data-testid='action-dialog']").Submit();
            cut.WaitForAssertion(() => Assert.Equal("Returned", cut.Find("[data-testid='dossier-status']").GetAttribute("data-status")));
            await using (var db = _f.Db())
            {
                var id = (await db.Dossiers.SingleAsync(x => x.Code == d.Code)).Id;
                var note = await db.DossierEvents.Where(e => e.DossierId == id).OrderByDescending(e => e.Id).Select(e => e.Note).FirstAsync();
                Assert.Equal("Trả kết quả qua bưu chính, mã EL123456789VN", note);
            }
        });
    }
}
