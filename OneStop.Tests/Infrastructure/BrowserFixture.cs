using Microsoft.Playwright;

namespace OneStop.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver (never `playwright install`: it
/// downloads). Flags from STACK.md: without the background-networking ones Chromium keeps trying
/// hosts this closed network refuses.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (the README's test command does it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page; <paramref name="viewport"/> defaults to Playwright's 1280×720; <paramref name="bypassCsp"/> lets a test inject a tool script (axe).</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ViewportSize? viewport = null, bool bypassCsp = false)
    {
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "vi-VN", BypassCSP = bypassCsp };
        if (viewport is not null) options.ViewportSize = viewport;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page that has submitted the sign-in form (it has not waited for where it lands).</summary>
    public async Task<IPage> SubmitSignInAsync(Uri baseAddress, string user, string returnUrl, string password = "demo", ViewportSize? viewport = null, bool bypassCsp = false)
    {
        var page = await NewPageAsync(baseAddress, viewport, bypassCsp);
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password").PressAsync("Enter");
        return page;
    }

    /// <summary>A new page signed in and arrived at <paramref name="returnUrl"/>, its circuit connected.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseAddress, string user, string returnUrl, string password = "demo", ViewportSize? viewport = null, bool bypassCsp = false)
    {
        var page = await SubmitSignInAsync(baseAddress, user, returnUrl, password, viewport, bypassCsp);
        // Signing in and landing is set-up, not what the tests measure: the same allowance as the circuit's start below
        // (CI: LanguageWalkDossierTests timed out after 15 s waiting for /my to load on a busy machine).
        try
        {
            // Until the URL is there, not until its "load" event: CI saw the page at /my, its queue drawn, with no load
            // event in 20 s. Whether the page works is what WaitLiveAsync checks next (its circuit is up).
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(returnUrl) + "$"),
                new() { Timeout = StartTimeout, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            // Say where the page is and what it shows: a refused sign-in, an error page and a slow landing look alike in
            // Playwright's own message (CI has seen this wait time out a few times, never alone).
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"Signing in as {user} did not land on {returnUrl} within {StartTimeout / 1000} s: the page is at {page.Url}, " +
                $"showing «{string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Truncate(400)}»", e);
        }
        await WaitLiveAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the page's circuit is up ("Trực tuyến"). Starting a circuit is not what these tests measure, and on a
    /// busy two-core CI machine with a dozen test apps it has taken longer than Playwright's 5 s default; the live
    /// updates that must come within a second are asserted with their own timeouts.
    /// </summary>
    public static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("connection-state")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("live"), new() { Timeout = StartTimeout });

    /// <summary>How long set-up may take (signing in, a circuit starting) on a busy two-core machine.</summary>
    private const float StartTimeout = 20_000;

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

internal static class DiagnosticText
{
    public static string Truncate(this string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
