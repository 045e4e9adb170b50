using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Simulation;

namespace OneStop.Web.Hosting;

/// <summary>
/// Runs the demo's <see cref="TrafficSimulator"/> about once a second, only when OneStop:Demo:Enabled is true and
/// OneStop:Demo:Speed is above 0. The first step comes within about a second of start, so a freshly opened
/// dashboard moves at once. A failed step is logged and the next one tries again; shutdown stops it between steps.
/// </summary>
public sealed class TrafficSimulatorService(IServiceProvider services, IOptions<DemoOptions> demo, TimeProvider time,
    ILogger<TrafficSimulatorService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = demo.Value;
        if (!options.Enabled || !(options.Speed > 0))
        {
            log.LogInformation("Traffic simulator off (OneStop:Demo:Enabled = {Enabled}, Speed = {Speed})", options.Enabled, options.Speed);
            return;
        }
        var simulator = ActivatorUtilities.CreateInstance<TrafficSimulator>(services, new TrafficSimulatorOptions(options.Speed, options.Seed) { TopUpHeldBacklog = options.SteadyStart });
        log.LogInformation("Traffic simulator on at {Speed}× real life", options.Speed);

        using var timer = new PeriodicTimer(Interval, time);
        long last = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long stamp = time.GetTimestamp();
                var elapsed = time.GetElapsedTime(last, stamp);
                last = stamp;
                try
                {
                    var tick = await simulator.StepAsync(elapsed, stoppingToken);
                    if (tick.Received + tick.Moved > 0)
                        log.LogDebug("Simulated {Simulated}: {Received} received, {Moved} moved, {Skipped} skipped", tick.Simulated, tick.Received, tick.Moved, tick.Skipped);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    // The database may be busy or briefly away; the next step carries on.
                    log.LogWarning(e, "Traffic simulator step failed; continuing");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
