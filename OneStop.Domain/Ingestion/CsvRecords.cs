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
    public static IEnumerable<CsvRecord> Read(string text) => Read(new StringReader(text));

    /// <summary>The records of <paramref name="reader"/>, one at a time: a file is never held whole.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader source)
    {
        var reader = new Chars(source);
        var fields = new List<string>();
        var cell = new StringBuilder();
        int line = 1, start = 1;
        string? malformed = null;
        while (reader.Peek() >= 0)
        {
            // One cell.
            if (reader.Peek() == '"')
            {
                reader.Read();
                while (true)
                {
                    var c = reader.Read();
                    if (c < 0) { malformed ??= "ô mở dấu ngoặc kép (\") mà không đóng."; break; }
                    if (c == '"')
                    {
                        if (reader.Peek() == '"') { cell.Append('"'); reader.Read(); continue; }
                        break;
                    }
                    if (c == '\n') line++;
                    cell.Append((char)c);
                }
                // After the closing quote only a separator or the end of the record may follow.
                while (reader.Peek() is >= 0 and not (',' or '\n' or '\r'))
                {
                    malformed ??= "có ký tự sau dấu ngoặc kép đóng ô.";
                    cell.Append((char)reader.Read());
                }
            }
            else
            {
                while (reader.Peek() is >= 0 and not (',' or '\n' or '\r'))
                {
                    var c = (char)reader.Read();
                    if (c == '"') malformed ??= "dấu ngoặc kép (\") giữa ô: ô có dấu ngoặc kép phải được bao trong ngoặc kép và viết \"\".";
                    cell.Append(c);
                }
            }
            fields.Add(cell.ToString());
            cell.Clear();
            if (reader.Peek() == ',')
            {
                reader.Read();
                if (reader.Peek() >= 0) continue;
                fields.Add(""); // a trailing comma at the very end: one last empty cell
            }
            // End of record.
            if (reader.Peek() == '\r') reader.Read();
            if (reader.Peek() == '\n') reader.Read();
            yield return new CsvRecord(start, fields.ToArray(), malformed);
            fields.Clear();
            malformed = null;
            start = ++line;
        }
    }

    /// <summary>
    /// The reader's text 8 K characters at a time, with Peek and Read that are plain (not virtual) calls on a buffer:
    /// the parser asks for every character twice, and a TextReader's virtual calls made the import a fifth slower.
    /// </summary>
    private sealed class Chars(TextReader source)
    {
        private readonly char[] _buffer = new char[8192];
        private int _pos, _len;

        public int Peek() => _pos < _len || Fill() ? _buffer[_pos] : -1;

        public int Read() => _pos < _len || Fill() ? _buffer[_pos++] : -1;

        private bool Fill()
        {
            _len = source.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len > 0;
        }
    }
}
