using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OneStop.Domain.Reports;

namespace OneStop.Web.Reports;

/// <summary>The monthly review as an Excel workbook: one sheet per table of <see cref="ReportTables.All"/>, numbers as numbers.</summary>
public static class MonthlyReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(MonthlyReport report, bool frozen)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var table in ReportTables.All(report))
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint rowIndex = 1;
                // A first line saying which month and whether the figures are frozen: a file outlives the screen it came from.
                data.Append(Row(rowIndex++, [$"{report.ReportMonth.Text} · {(frozen ? "Số liệu đã chốt" : "Số liệu trực tiếp")} · {table.Title}"]));
                data.Append(Row(rowIndex++, table.Headers.Cast<object?>().ToList()));
                foreach (var line in table.Rows) data.Append(Row(rowIndex++, line));
                part.Worksheet = new Worksheet(new SheetViews(new SheetView
                {
                    WorkbookViewId = 0,
                    Pane = new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                }), data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(table.Title) });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> cells)
    {
        var row = new Row { RowIndex = index };
        for (int i = 0; i < cells.Count; i++)
        {
            var reference = Column(i) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cells[i] switch
            {
                null => new Cell { CellReference = reference },
                int n => Number(reference, n.ToString(CultureInfo.InvariantCulture)),
                long n => Number(reference, n.ToString(CultureInfo.InvariantCulture)),
                double d => Number(reference, d.ToString("R", CultureInfo.InvariantCulture)),
                var other => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Convert.ToString(other, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }
        return row;
    }

    private static Cell Number(string reference, string text) => new() { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(text) };

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel's limits: 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
