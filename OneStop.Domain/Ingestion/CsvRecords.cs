using System.Text;

namespace OneStop.Domain.Ingestion;

/// <summary>One CSV record, the line of the file it starts on, and what was wrong with its quoting (null when nothing).</summary>
public sealed record CsvRecord(int Line, string[] Fields, string? Malformed);

/// <summary>
/// RFC 4180 records (comma, double quotes, quotes doubled inside quotes, CRLF or LF, line breaks inside quoted cells)
/// with the line each record starts on, which is what an import's error report needs. Written here rather than taken
/// from CsvHelper: the 34.0.0 on our feed is a rewrite whose reader reports neither, and this is forty lines.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var fields = new List<string>();
        var cell = new StringBuilder();
        int i = 0, line = 1, start = 1;
        string? malformed = null;
        while (i < text.Length)
        {
            // One cell.
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) { malformed ??= "ô mở dấu ngoặc kép (\") mà không đóng."; break; }
                    var c = text[i++];
                    if (c == '"')
                    {
                        if (i < text.Length && text[i] == '"') { cell.Append('"'); i++; continue; }
                        break;
                    }
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                // After the closing quote only a separator or the end of the record may follow.
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    malformed ??= "có ký tự sau dấu ngoặc kép đóng ô.";
                    cell.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    if (text[i] == '"') malformed ??= "dấu ngoặc kép (\") giữa ô: ô có dấu ngoặc kép phải được bao trong ngoặc kép và viết \"\".";
                    cell.Append(text[i++]);
                }
            }
            fields.Add(cell.ToString());
            cell.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                if (i < text.Length) continue;
                fields.Add(""); // a trailing comma at the very end: one last empty cell
            }
            // End of record.
            if (i < text.Length && text[i] == '\r') i++;
            if (i < text.Length && text[i] == '\n') i++;
            yield return new CsvRecord(start, fields.ToArray(), malformed);
            fields.Clear();
            malformed = null;
            start = ++line;
        }
    }
}
