using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Persistence;
using OneStop.Domain.Webhooks;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// What a second node must share with the first: the live overview (a change through A on B's open page), the sign-in
/// cookie and antiforgery token (one key ring, in the database), and webhook secrets protected with that ring.
/// </summary>
public sealed class TwoNodeTests(TwoNodes nodes, BrowserFixture browser) : IClassFixture<TwoNodes>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_dossier_received_through_node_A_appears_on_node_Bs_open_overview()
    {
        var page = await browser.NewPageAsync(nodes.B.BaseAddress);
        await page.GotoAsync("/");
        await BrowserFixture.WaitLiveAsync(page);
        var tile = page.GetByTestId("tile-received-value");
        var received = int.Parse(await tile.TextContentAsync() ?? "");

        await TwoNodes.ReceiveAsync(nodes.A);
        // B learns of it only from the database (its tailer); the latency itself is measured by the crossnode benchmark.
        await Assertions.Expect(tile).ToHaveTextAsync($"{received + 1}", new() { Timeout = 3_000 });
        await TwoNodes.ReceiveAsync(nodes.A);
        await Assertions.Expect(tile).ToHaveTextAsync($"{received + 2}", new() { Timeout = 3_000 });
    }

    /// <summary>What wakes the other nodes' tailers at once on PostgreSQL: the trigger's NOTIFY, sent at the commit.</summary>
    [Fact]
    [Trait(TestDatabase.ProvidersTrait, KilledNodeTests.PostgreSqlOnly)] // LISTEN/NOTIFY is PostgreSQL's
    public async Task On_PostgreSQL_a_commit_that_adds_dossier_events_notifies_the_listening_nodes()
    {
        Assert.True(TestDatabase.PostgreSql, "a PostgreSQL test: run it with ONESTOP_TEST_PROVIDER=PostgreSql (run-tests.sh does)");
        await using var listener = new Npgsql.NpgsqlConnection(nodes.A.ConnectionString);
        await listener.OpenAsync();
        var notified = new List<string>();
        listener.Notification += (_, e) => notified.Add(e.Channel);
        await using (var listen = new Npgsql.NpgsqlCommand($"LISTEN {OneStop.Web.Live.DossierEventTailer.Channel}", listener))
            await listen.ExecuteNonQueryAsync();

        // The nodes' own start-up work (each one's catch-up sweep over the demo center) commits events too, for a while
        // on a loaded machine: wait for two quiet seconds first, so that what follows hears only this test's writes.
        var quietFrom = DateTime.UtcNow.AddSeconds(90);
        while (await listener.WaitAsync(TimeSpan.FromSeconds(2)) && DateTime.UtcNow < quietFrom) { }
        notified.Clear();

        // A transaction that adds an event and rolls back tells nobody.
        await using (var db = nodes.A.CreateDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var dossier = await db.Dossiers.FirstAsync();
            db.DossierEvents.Add(new OneStop.Domain.Dossiers.DossierEvent
            {
                DossierId = dossier.Id, DepartmentId = dossier.DepartmentId, At = DateTime.UtcNow,
                Type = OneStop.Domain.Dossiers.DossierEventType.Received, ToStatus = dossier.Status, ToStep = dossier.CurrentStep,
            });
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Empty(notified);

        await TwoNodes.ReceiveAsync(nodes.A);
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)), "no NOTIFY after the commit");
        Assert.Equal([OneStop.Web.Live.DossierEventTailer.Channel], notified);
    }

    [Fact]
    public async Task A_sign_in_on_node_A_opens_pages_on_node_B_and_B_takes_As_antiforgery_token()
    {
        var jobsOnB = new Uri(nodes.B.BaseAddress, "/jobs");
        // Without a cookie B sends the visitor to sign in: what the shared cookie must change.
        using (var stranger = SignedInClient.New(nodes.B.BaseAddress))
            Assert.Equal("/signin", SignedInClient.RedirectPath(await stranger.GetAsync(jobsOnB), nodes.B.BaseAddress));

        using var onA = await SignedInClient.SignInAsync(nodes.A.BaseAddress, "director");
        using var onB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, jobsOnB);
        request.Headers.Add("Cookie", SignedInClient.CookieHeader(onA, nodes.A.BaseAddress));
        var response = await onB.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync()); // the jobs page itself, not the sign-in form

        // The sign-in form served by A, posted to B: B accepts A's antiforgery cookie and token.
        using var browserLike = SignedInClient.New(nodes.A.BaseAddress);
        var form = await browserLike.GetStringAsync("/signin");
        string Hidden(string name) => Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var posted = await browserLike.PostAsync(new Uri(nodes.B.BaseAddress, "/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Hidden("_handler"),
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["Input.UserName"] = "admin",
            ["Input.Password"] = "demo",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.NotEqual("/signin", SignedInClient.RedirectPath(posted, nodes.B.BaseAddress));
    }

    [Fact]
    public async Task A_webhook_secret_protected_on_node_A_opens_on_node_B_and_from_the_database_alone()
    {
        var secret = WebhookSecrets.NewSecret();
        var stored = nodes.A.Services.GetRequiredService<WebhookSecrets>().Protect(secret);
        Assert.Equal(secret, nodes.B.Services.GetRequiredService<WebhookSecrets>().Unprotect(stored));

        // The keys are rows of the OneStop database: a node on another machine or folder (a restart, a moved container)
        // opens the secret with the database's key ring and the fixed application name, and no home folder.
        await using (var db = nodes.A.CreateDb())
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        await using (var elsewhere = TwoNodes.KeyRingFromDatabase(nodes.A.ConnectionString))
            Assert.Equal(secret, new WebhookSecrets(elsewhere.GetRequiredService<IDataProtectionProvider>()).Unprotect(stored));
        // The same keys under another application name do not open it: the name is part of every purpose, hence fixed.
        await using (var renamed = TwoNodes.KeyRingFromDatabase(nodes.A.ConnectionString, "OneStop-elsewhere"))
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
                new WebhookSecrets(renamed.GetRequiredService<IDataProtectionProvider>()).Unprotect(stored));
    }
}
