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
            foreach (var header in tables[0].Headers.Skip(2)) csv.WriteField(header);
            csv.EndRecord();
            foreach (var table in tables)
                foreach (var line in table.Rows)
                {
                    csv.WriteField(table.Title);
                    foreach (var cell in line)
                        csv.WriteField(cell switch
                        {
                            null => "",
                            double d => d.ToString("R", CultureInfo.InvariantCulture),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var other => other.ToString() ?? "",
                        });
                    csv.EndRecord();
                }
            csv.Flush();
        }
        return stream.ToArray();
    }
}
