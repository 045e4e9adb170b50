namespace OneStop.Domain.Reports;

/// <summary>OneStop:Reports in appsettings.json.</summary>
public sealed class ReportOptions
{
    public const string Section = "OneStop:Reports";
    public ScorecardWeights Scorecard { get; set; } = new();
    /// <summary>Procedures to revise look at the processing times of this many months, ending with the report's month.</summary>
    public int ReviseMonths { get; set; } = 6;
    /// <summary>A procedure needs at least this many results in those months to be judged (fewer is noise).</summary>
    public int ReviseMinimumResults { get; set; } = 5;
}

/// <summary>
/// Weights of the department scorecard, after the national service portal's measures. Any non-negative numbers:
/// the score is the weighted mean of the rates a department has (a measure with nothing to measure is left out).
/// </summary>
public sealed record ScorecardWeights
{
    public double OnTime { get; set; } = 0.4;
    public double Online { get; set; } = 0.2;
    public double Digitization { get; set; } = 0.2;
    public double Satisfaction { get; set; } = 0.2;
}
