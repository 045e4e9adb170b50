using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Simulation;

/// <summary>How the simulator runs: <see cref="Speed"/> is how many times faster than real life (0 = off).</summary>
public sealed record TrafficSimulatorOptions(double Speed, int Seed)
{
    /// <summary>Longest real time one step accounts for (a machine waking from sleep does not get hours of intake at once).</summary>
    public TimeSpan MaxStep { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Open dossiers looked at per second of real time: each step reads the next page of open dossiers in appointment
    /// order, so the whole open set is gone through every (open ÷ page) seconds, never all of it at once.
    /// </summary>
    public int PagePerSecond { get; init; } = 150;
    /// <summary>Longest real time a pass over all the open dossiers takes: with more open than PagePerSecond × this, pages grow.</summary>
    public TimeSpan MaxSweep { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>
    /// At the first step, create the dossiers this speed keeps open waiting for their real appointments, back-dated,
    /// so the open count is steady from the start (<see cref="HeldBacklog"/>). Off in tests that follow fresh intake only.
    /// </summary>
    public bool TopUpHeldBacklog { get; init; } = true;
    /// <summary>
    /// Codes of the departments simulated (intake, moves, held backlog); null: all (intake only where the demo catalog
    /// has a profile). A smaller center for tests that run weeks of traffic; other departments' dossiers stay as they are.
    /// </summary>
    public IReadOnlySet<string>? Departments { get; init; }
}

/// <summary>What one step did. <see cref="Events"/> counts the dossier events it caused, by type.</summary>
public sealed record SimulationTick(DateTime At, bool OfficeHours, TimeSpan Simulated, int Received, int Moved, int Skipped,
    int Examined, IReadOnlyDictionary<DossierEventType, int> Events)
{
    public static SimulationTick Idle(DateTime at, bool officeHours) =>
        new(at, officeHours, TimeSpan.Zero, 0, 0, 0, 0, new Dictionary<DossierEventType, int>());
}
