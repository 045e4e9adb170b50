using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Dossiers;
using OneStop.Web.Live;

namespace OneStop.Tests.Components;

/// <summary>
/// A live screen's callback runs in the language of the screen that subscribed, not of the thread that publishes:
/// the dashboard in English once turned Vietnamese at its first live update (the shared snapshot's loop carried the
/// culture of whoever opened it first), and the English dossier page would have re-rendered in Vietnamese when
/// someone else acted.
/// </summary>
public sealed class LiveCultureTests
{
    private static readonly DossierChange Change = new(1, 1, "SNV-1", 1, DossierEventType.Assigned, null, 200, new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc));

    private static T In<T>(string culture, Func<T> body)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return body(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (c, ui); }
    }

    private static Func<TValue, Task> Record<TValue>(TaskCompletionSource<string> seen) =>
        _ => { seen.TrySetResult(CultureInfo.CurrentUICulture.Name); return Task.CompletedTask; };

    [Fact]
    public async Task A_change_reaches_each_subscriber_in_its_own_language_whoever_publishes()
    {
        var hub = new DossierChangeHub(NullLogger<DossierChangeHub>.Instance);
        TaskCompletionSource<string> english = new(TaskCreationOptions.RunContinuationsAsynchronously), vietnamese = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var en = In("en-US", () => hub.Subscribe(_ => true, Record<DossierChange>(english)));
        using var vi = In("vi-VN", () => hub.Subscribe(_ => true, Record<DossierChange>(vietnamese)));

        In("vi-VN", () => { hub.Publish(Change); return 0; }); // the workflow of a Vietnamese screen publishes

        Assert.Equal(("en-US", "vi-VN"), (await english.Task.WaitAsync(TimeSpan.FromSeconds(30)), await vietnamese.Task.WaitAsync(TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public async Task A_shared_snapshot_reaches_each_subscriber_in_its_own_language_whoever_opened_it_first()
    {
        var hub = new DossierChangeHub(NullLogger<DossierChangeHub>.Instance);
        using var snapshot = new LiveSnapshot<string>(_ => Task.FromResult("snapshot"), hub, _ => true,
            TimeSpan.Zero, TimeSpan.FromHours(1), NullLogger.Instance);
        TaskCompletionSource<string> english = new(TaskCreationOptions.RunContinuationsAsynchronously), vietnamese = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var vi = In("vi-VN", () => snapshot.Subscribe(Record<string>(vietnamese))); // first: starts the loop
        using var en = In("en-US", () => snapshot.Subscribe(Record<string>(english)));

        snapshot.Refresh();

        Assert.Equal(("en-US", "vi-VN"), (await english.Task.WaitAsync(TimeSpan.FromSeconds(30)), await vietnamese.Task.WaitAsync(TimeSpan.FromSeconds(30))));
    }
}
