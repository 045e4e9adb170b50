using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OneStop.Tests.Reports;

/// <summary>A workbook read back with OpenXml: per sheet name, its rows of cells (double for numbers, string for text, null for empty).</summary>
public static class XlsxSheets
{
    public static Dictionary<string, List<List<object?>>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<object?>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(Value).ToList()).ToList();
            result[sheet.Name!] = rows;
        }
        return result;
    }

    private static object? Value(Cell c)
    {
        if (c.DataType?.Value == CellValues.InlineString) return c.InlineString?.InnerText;
        if (c.CellValue is null) return null;
        if (c.DataType is null || c.DataType.Value == CellValues.Number) return double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture);
        return c.CellValue.Text;
    }

    /// <summary>The value under a header (row 2 holds the headers) in the first row whose leading cells match.</summary>
    public static object? Cell(List<List<object?>> sheet, string header, params object?[] leading)
    {
        var headers = sheet[1];
        var column = headers.FindIndex(h => (string?)h == header);
        Assert.True(column >= 0, $"No column «{header}»");
        var row = sheet.Skip(2).First(r => leading.Select((v, i) => Equals(r[i], v)).All(x => x));
        return row[column];
    }
}
