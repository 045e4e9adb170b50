using Microsoft.EntityFrameworkCore;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>
/// Test apps start from a copy of the demo center seeded once (SeededTemplate); the app's own seeding at start must
/// still work, and the copy must hold exactly what it writes.
/// </summary>
public sealed class SeededTemplateTests
{
    // The demo seed spelled out: the same seed as appsettings.json, but a setting under OneStop:Demo makes the app seed
    // its own empty database at start instead of starting from the copy.
    private static readonly Dictionary<string, string> SeedsItself = new() { ["OneStop:Demo:Seed"] = "20261121", ["OneStop:Jobs:Enabled"] = "false" };
    // No deadline sweep in either app while the two are compared: it adds its own events soon after start.
    private static readonly Dictionary<string, string> NoJobs = new() { ["OneStop:Jobs:Enabled"] = "false" };

    [Fact]
    public async Task A_fresh_app_seeds_its_empty_database_at_start_and_the_copy_holds_the_same_center()
    {
        await using var itself = new OneStopApp(demo: true, settings: SeedsItself);
        await using var copied = new OneStopApp(demo: true, settings: NoJobs);

        Assert.Contains(itself.Logs.Entries, e => e.Message.StartsWith("Demo center seeded"));
        Assert.DoesNotContain(copied.Logs.Entries, e => e.Message.StartsWith("Demo center seeded"));

        await using var a = itself.CreateDb();
        await using var b = copied.CreateDb();
        Assert.Equal(17, await a.Departments.CountAsync());
        Assert.Equal(await a.Dossiers.CountAsync(), await b.Dossiers.CountAsync());
        Assert.Equal(await a.DossierEvents.CountAsync(), await b.DossierEvents.CountAsync());
        Assert.Equal(await a.StaffAbsences.CountAsync(), await b.StaffAbsences.CountAsync());
        // Same dossiers, field for field where it matters (a sample through the whole history).
        var sample = await a.Dossiers.AsNoTracking().OrderBy(d => d.Id).Where(d => d.Id % 997 == 0)
            .Select(d => new { d.Id, d.Code, d.Status, d.AppointmentAt, d.ApplicantName, d.Version }).ToListAsync();
        var same = await b.Dossiers.AsNoTracking().OrderBy(d => d.Id).Where(d => d.Id % 997 == 0)
            .Select(d => new { d.Id, d.Code, d.Status, d.AppointmentAt, d.ApplicantName, d.Version }).ToListAsync();
        Assert.True(sample.Count > 20);
        Assert.Equal(sample, same);
        // The demo accounts sign in on the copy (their password hashes came with it).
        using var client = SignedInClient.New(copied.BaseAddress);
        var signIn = await SignedInClient.PostSignInAsync(client, "director");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/signin", signIn.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public void Settings_that_shape_the_seed_turn_the_copy_off()
    {
        Assert.True(SeededTemplate.Applies(null));
        Assert.True(SeededTemplate.Applies(new Dictionary<string, string> { ["OneStop:RateLimits:SignInPerMinute"] = "3" }));
        Assert.False(SeededTemplate.Applies(SeedsItself));
        Assert.False(SeededTemplate.Applies(new Dictionary<string, string> { ["OneStop:Center:Name"] = "X" }));
    }
}
