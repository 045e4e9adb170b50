using System.Text.Json.Serialization;

namespace OneStop.Domain.Reports;

/// <summary>
/// The figures of one row of the monthly review (a department, a procedure, a postal staff member, or the whole
/// center) over one period. Counts are plain; rates are computed from them (null when there is nothing to divide).
/// </summary>
public sealed class ReportFigures
{
    /// <summary>Dossiers received in the period, and by intake channel.</summary>
    public int Received { get; set; }
    public int ReceivedCounter { get; set; }
    public int ReceivedOnline { get; set; }
    public int ReceivedPost { get; set; }
    /// <summary>Of those received in the period, how many have left the reception (digitization) step.</summary>
    public int Digitized { get; set; }

    /// <summary>Dossiers resolved (result approved) in the period, by outcome against the statutory appointment.</summary>
    public int Early { get; set; }
    public int OnTime { get; set; }
    public int Late { get; set; }

    /// <summary>Received and not yet resolved, refused or withdrawn at the end of the period (now, for a running month).</summary>
    public int InProgress { get; set; }
    /// <summary>Of those in progress, how many were past their statutory appointment with the clock running.</summary>
    public int Overdue { get; set; }

    /// <summary>Apology letters issued and supplement requests made in the period.</summary>
    public int Apologies { get; set; }
    public int SupplementRequests { get; set; }
    /// <summary>Results returned in the period by post.</summary>
    public int ReturnedByPost { get; set; }

    /// <summary>Processing time of the dossiers resolved in the period, in working days (pauses excluded).</summary>
    public double? AverageDays { get; set; }
    public double? P90Days { get; set; }
    /// <summary>The average statutory time of the same dossiers, in working days: what the two above compare with.</summary>
    public double? StatutoryDays { get; set; }

    /// <summary>Applicants asked at return whether they were satisfied, and how many said yes.</summary>
    public int SatisfactionResponses { get; set; }
    public int Satisfied { get; set; }

    [JsonIgnore] public int Resolved => Early + OnTime + Late;
    /// <summary>(Early + on time) / resolved.</summary>
    [JsonIgnore] public double? OnTimeRate => Rate(Early + OnTime, Resolved);
    [JsonIgnore] public double? OnlineShare => Rate(ReceivedOnline, Received);
    [JsonIgnore] public double? DigitizationRate => Rate(Digitized, Received);
    [JsonIgnore] public double? SatisfactionRate => Rate(Satisfied, SatisfactionResponses);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>True when nothing at all happened in the row.</summary>
    [JsonIgnore] public bool IsEmpty => Received == 0 && Resolved == 0 && InProgress == 0 && Apologies == 0 && SupplementRequests == 0
                                        && ReturnedByPost == 0 && SatisfactionResponses == 0;

    /// <summary>Adds the counts of another row (durations are not additive: the caller sets them from the raw times).</summary>
    internal void AddCounts(ReportFigures o)
    {
        Received += o.Received; ReceivedCounter += o.ReceivedCounter; ReceivedOnline += o.ReceivedOnline; ReceivedPost += o.ReceivedPost;
        Digitized += o.Digitized; Early += o.Early; OnTime += o.OnTime; Late += o.Late; InProgress += o.InProgress; Overdue += o.Overdue;
        Apologies += o.Apologies; SupplementRequests += o.SupplementRequests; ReturnedByPost += o.ReturnedByPost;
        SatisfactionResponses += o.SatisfactionResponses; Satisfied += o.Satisfied;
    }
}
