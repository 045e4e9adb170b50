using System.Globalization;
using OneStop.Domain.Calendar;
using OneStop.Domain.Reports;

namespace OneStop.Web.Components.Pages.Reports;

/// <summary>How the monthly review's numbers read on screen and on paper: Vietnamese separators, English ones on an English screen.</summary>
public static class ReportFormat
{
    private static CultureInfo Vi => Domain.UiText.English ? CultureInfo.GetCultureInfo("en-US") : CultureInfo.GetCultureInfo("vi-VN");

    public static string Count(int n) => n.ToString("N0", Vi);
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Vi) + " %" : "—";
    public static string Days(double? days) => days is { } d ? d.ToString("0.0", Vi) : "—";
    public static string Number(double n) => n.ToString("0.##", Vi);
    public static string Local(DateTime utc) => WorkingCalendar.ToLocal(utc).ToString("dd/MM/yyyy HH:mm", Vi);

    /// <summary>"+12", "−3", "0" for counts; "+2,5 điểm" / "+2.5 pts" for rates (percentage points).</summary>
    public static string Delta(double? current, double? before, bool rate)
    {
        if (current is not { } c || before is not { } b) return "—";
        var d = rate ? (c - b) * 100 : c - b;
        var text = Math.Abs(d).ToString(rate ? "0.0" : "N0", Vi);
        var sign = d > 0.0001 ? "+" : d < -0.0001 ? "−" : "";
        return sign + text + (rate ? Domain.UiText.Say(" điểm", " pts") : "");
    }

    public static string Figure(ReportFigures f, FigureKind kind) => kind.Rate ? Percent(kind.Value(f)) : kind.Days ? Days(kind.Value(f)) : Count((int)(kind.Value(f) ?? 0));
}

/// <summary>A figure a table column or tile shows: its header (a ReportsResource key), how to read it from the figures, and whether it is a rate or days.</summary>
public sealed record FigureKind(string Header, Func<ReportFigures, double?> Value, bool Rate = false, bool Days = false, bool LowerIsBetter = false);
