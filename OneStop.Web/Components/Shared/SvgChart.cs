using System.Globalization;
using System.Text;

namespace OneStop.Web.Components.Shared;

/// <summary>One line or one set of bars: its name for the legend and the hover titles, its colour, a value per label.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double> Values);

/// <summary>
/// The overview's charts as plain SVG markup, built once per snapshot and culture and shared by every circuit
/// (<see cref="SharedMarkup{TKey}"/>). MudChart drew the same two charts as about a dozen components each, with their
/// render trees, in every circuit of a screen the whole center keeps open all day; a string is one frame.
/// </summary>
/// <remarks>
/// The picture scales with its box (a fixed viewBox, width 100%): coordinates are invariant-culture numbers, the words
/// and figures in the hover titles and the axis are the user's culture. Each bar and point carries a &lt;title&gt;
/// (its label, series and value), so hovering says what a bar is; the box around it has role="img" and the chart's
/// name for screen readers, and the legend is HTML text.
/// </remarks>
public static class SvgChart
{
    private const double Width = 600, Height = 220, Left = 40, Right = 8, Top = 10, Bottom = 26;
    private const double PlotW = Width - Left - Right, PlotH = Height - Top - Bottom;

    /// <summary>Bars side by side per label, one per series; the y axis from 0 to a round figure above the highest bar, at most five steps.</summary>
    public static string Bars(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        var max = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var step = NiceStep(max, 5);
        var top = Math.Max(step, Math.Ceiling(max / step) * step);
        var sb = Open();
        YAxis(sb, top, step, v => Num(v));
        var slot = labels.Count == 0 ? PlotW : PlotW / labels.Count;
        var barW = series.Count == 0 ? 0 : slot * 0.8 / series.Count;
        for (var i = 0; i < labels.Count; i++)
        {
            var x0 = Left + i * slot + slot * 0.1;
            for (var s = 0; s < series.Count; s++)
            {
                var v = i < series[s].Values.Count ? series[s].Values[i] : 0;
                var h = PlotH * v / top;
                sb.Append("<rect x=\"").Append(F(x0 + s * barW)).Append("\" y=\"").Append(F(Top + PlotH - h))
                  .Append("\" width=\"").Append(F(Math.Max(barW - 1, 1))).Append("\" height=\"").Append(F(h))
                  .Append("\" fill=\"").Append(Attr(series[s].Colour)).Append("\"><title>")
                  .Append(Text($"{labels[i]} · {series[s].Name}: {Num(v)}")).Append("</title></rect>");
            }
            XLabel(sb, Left + i * slot + slot / 2, labels[i]);
        }
        return Close(sb);
    }

    /// <summary>
    /// One line with a marker per point, y from 0 to <paramref name="top"/> in steps of <paramref name="step"/>, each
    /// tick and title written by <paramref name="format"/>; every <paramref name="labelEvery"/>-th label on the x axis.
    /// </summary>
    public static string Line(IReadOnlyList<string> labels, ChartSeries line, double top, double step, Func<double, string> format, int labelEvery = 1)
    {
        var sb = Open();
        YAxis(sb, top, step, format);
        var n = labels.Count;
        double X(int i) => n <= 1 ? Left + PlotW / 2 : Left + PlotW * i / (n - 1);
        double Y(double v) => Top + PlotH - PlotH * Math.Clamp(v, 0, top) / top;
        if (n > 1)
        {
            sb.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(Attr(line.Colour)).Append("\" points=\"");
            for (var i = 0; i < n; i++) sb.Append(i == 0 ? "" : " ").Append(F(X(i))).Append(',').Append(F(Y(line.Values[i])));
            sb.Append("\"/>");
        }
        for (var i = 0; i < n; i++)
        {
            sb.Append("<circle r=\"3\" cx=\"").Append(F(X(i))).Append("\" cy=\"").Append(F(Y(line.Values[i])))
              .Append("\" fill=\"").Append(Attr(line.Colour)).Append("\"><title>")
              .Append(Text($"{labels[i]} · {line.Name}: {format(line.Values[i])}")).Append("</title></circle>");
            if (i % Math.Max(1, labelEvery) == 0) XLabel(sb, X(i), labels[i]);
        }
        return Close(sb);
    }

    /// <summary>The legend under a chart: a swatch and the series' name each, as text.</summary>
    public static string Legend(IReadOnlyList<ChartSeries> series)
    {
        var sb = new StringBuilder("<div class=\"chart-legend\">");
        foreach (var s in series)
            sb.Append("<span class=\"chart-key\"><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"")
              .Append(Attr(s.Colour)).Append("\"/></svg>").Append(Text(s.Name)).Append("</span>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>A step of 1, 2 or 5 × 10ⁿ that divides 0…<paramref name="max"/> into at most <paramref name="ticks"/> steps; whole numbers, so never below 1.</summary>
    public static double NiceStep(double max, int ticks)
    {
        if (max <= ticks) return 1;
        var rough = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var m in new[] { 1.0, 2, 5, 10 })
            if (m * magnitude >= rough) return m * magnitude;
        return 10 * magnitude;
    }

    private static StringBuilder Open() =>
        new StringBuilder("<svg class=\"svg-chart\" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(Height))
            .Append("\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\">");

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void YAxis(StringBuilder sb, double top, double step, Func<double, string> format)
    {
        for (var v = 0.0; v <= top + step / 1000; v += step)
        {
            var y = F(Top + PlotH - PlotH * v / top);
            sb.Append("<line class=\"grid\" x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(Width - Right))
              .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
              .Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(F(Left - 4)).Append("\" y=\"").Append(y)
              .Append("\" dy=\"4\">").Append(Text(format(v))).Append("</text>");
        }
    }

    private static void XLabel(StringBuilder sb, double x, string label) =>
        sb.Append("<text class=\"tick\" text-anchor=\"middle\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(Height - 8))
          .Append("\">").Append(Text(label)).Append("</text>");

    private static string F(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);
    private static string Num(double v) => v.ToString("#,0.#", CultureInfo.CurrentCulture);
    private static string Text(string s) => MarkupText.Encode(s);
    private static string Attr(string s) => MarkupText.Encode(s);
}
