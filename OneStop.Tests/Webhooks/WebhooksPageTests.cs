using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Webhooks;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Webhooks;

namespace OneStop.Tests.Webhooks;

public sealed class WebhooksPageTests : MudTestContext
{
    private readonly WebhookTestBed _bed = new();

    public WebhooksPageTests()
    {
        _bed.Options.AllowPrivateTargets = false;
        Services.AddSingleton(_bed.Subscriptions);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var auth = AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("Admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, WebhookTestBed.Admin.ToString()), new Claim(ClaimTypes.Role, "Admin"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _bed.Dispose();
    }

    [Fact]
    public void Empty_state_then_a_bad_url_is_explained_beside_its_field_and_a_good_one_shows_the_secret_once()
    {
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhook-empty]");
        Assert.Contains("Chưa có đăng ký nào", cut.Find("[data-testid=webhook-empty]").TextContent);

        cut.Find("#webhook-name").Change("Tổng đài SMS");
        cut.Find("#webhook-url").Change("http://10.0.0.5/hook");
        cut.Find("[data-testid=webhook-form]").Submit();
        cut.WaitForElement("[data-testid=webhook-url-error]");
        Assert.Contains("mạng nội bộ", cut.Find("[data-testid=webhook-url-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=webhook-secret]"));

        cut.Find("#webhook-url").Change("https://203.0.113.7/hook");
        cut.Find("[data-testid=webhook-form]").Submit();
        cut.WaitForElement("[data-testid=webhook-secret]");
        var secret = cut.Find("[data-testid=webhook-secret]").TextContent;
        Assert.StartsWith("whsec_", secret);
        Assert.Single(cut.FindAll("[data-testid=webhook-row]"));
        Assert.Empty(cut.FindAll("[data-testid=webhook-url-error]"));

        // Opened again: listed, the secret nowhere.
        var again = Render<WebhooksPage>();
        again.WaitForElement("[data-testid=webhook-row]");
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public async Task A_paused_subscription_shows_why_and_resumes_from_its_button()
    {
        var created = await _bed.Subscriptions.CreateAsync("Zalo OA", "https://203.0.113.7/hook", WebhookEvents.ResultReady, WebhookTestBed.Admin, "Trương Công Minh");
        await _bed.Subscriptions.PauseAsync(created.Subscription.Id, WebhookTestBed.Admin, "Trương Công Minh");
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhook-resume]");
        Assert.Contains("Tạm dừng", cut.Find("[data-testid=webhook-state]").TextContent);

        cut.Find("[data-testid=webhook-resume]").Click();
        cut.WaitForElement("[data-testid=webhook-pause]");
        Assert.Null(_bed.Subscription(created.Subscription.Id).PausedAt);
    }

    [Fact]
    public void In_english_the_page_speaks_english()
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        try
        {
            var cut = Render<WebhooksPage>();
            cut.WaitForElement("[data-testid=webhook-empty]");
            Assert.Contains("No subscriptions yet", cut.Markup);
            cut.Find("#webhook-name").Change("SMS gateway");
            cut.Find("#webhook-url").Change("ftp://sms.example.vn/hook");
            cut.Find("[data-testid=webhook-form]").Submit();
            cut.WaitForElement("[data-testid=webhook-url-error]");
            Assert.Contains("only http or https", cut.Find("[data-testid=webhook-url-error]").TextContent);
        }
        finally { CultureInfo.CurrentUICulture = ui; }
    }
}
