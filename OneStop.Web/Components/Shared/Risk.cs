namespace OneStop.Web.Components.Shared;

/// <summary>How urgent a dossier is: green on track, amber under one working day, red overdue, grey paused.</summary>
public enum Risk { OnTrack, DueSoon, Overdue, Paused }

public static class RiskText
{
    public static Risk Classify(TimeSpan remaining, TimeSpan dayLength) =>
        remaining < TimeSpan.Zero ? Risk.Overdue : remaining < dayLength ? Risk.DueSoon : Risk.OnTrack;
}
