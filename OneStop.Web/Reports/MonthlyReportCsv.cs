using System.Globalization;
using CsvHelper;
using OneStop.Domain.Reports;

namespace OneStop.Web.Reports;

/// <summary>
/// The figure breakdowns (center, departments, procedures, postal staff) as one CSV table, the first column naming the
/// breakdown. UTF-8 with a byte-order mark so that Excel reads the Vietnamese; invariant numbers (a dot for decimals).
/// </summary>
public static class MonthlyReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string TableHeader = "Bảng", KeyHeader = "Mã", NameHeader = "Tên";

    public static byte[] Write(MonthlyReport report)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            var tables = ReportTables.Breakdowns(report);
            // The key and name headers differ per breakdown; one table needs neutral ones.
            csv.WriteField(TableHeader);
            csv.WriteField(KeyHeader);
            csv.WriteField(NameHeader);
            foreach (var header in tables[0].Headers.Skip(2)) csv.WriteField(Text(header));
            csv.EndRecord();
            foreach (var table in tables)
                foreach (var line in table.Rows)
                {
                    csv.WriteField(Text(table.Title));
                    foreach (var cell in line)
                        csv.WriteField(cell switch
                        {
                            null => "",
                            double d => d.ToString("R", CultureInfo.InvariantCulture),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var other => Text(other.ToString() ?? ""),
                        });
                    csv.EndRecord();
                }
            csv.Flush();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Text as a spreadsheet will take it: a cell that starts with = + - @, a tab or a carriage return would be run as a
    /// formula when the CSV is opened (a department named <c>=HYPERLINK("http://…","x")</c> becomes a live link), so such
    /// cells get a leading apostrophe, which Excel and LibreOffice show as plain text (OWASP, "CSV Injection"). Numbers
    /// are written by the caller through IFormattable and never pass here, so a negative figure keeps its minus sign.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
