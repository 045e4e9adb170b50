using System.Buffers;
using System.Text.Unicode;

namespace OneStop.Domain.Ingestion;

/// <summary>The file is not UTF-8 at a byte: its line (1-based) and position in the file (1-based, after any BOM).</summary>
public sealed class InvalidUtf8Exception(int line, long position, byte value)
    : Exception($"byte 0x{value:X2} at position {position}, line {line} is not UTF-8")
{
    public int Line { get; } = line;
    public long Position { get; } = position;
    public byte Value { get; } = value;
}

/// <summary>The stream went past the import's size limit.</summary>
public sealed class ImportTooLargeException() : Exception("the file is larger than the import allows");

/// <summary>
/// Text from a stream of strict UTF-8, decoded 64 KB at a time so that a file is never held whole: a BOM is skipped, the
/// first invalid byte throws <see cref="InvalidUtf8Exception"/> with its line and position, and more than
/// <c>maxBytes</c> throws <see cref="ImportTooLargeException"/>. (StreamReader would replace bad bytes or, with a throwing
/// decoder, report neither the line nor the position.)
/// </summary>
public sealed class StrictUtf8Reader(Stream stream, long maxBytes, Action<long>? bytesRead = null) : TextReader
{
    private const int Chunk = 1 << 16;
    private readonly byte[] _bytes = new byte[Chunk + 4];
    private readonly char[] _chars = new char[Chunk + 4];
    private int _pending;             // undecoded bytes kept at the start of _bytes (a sequence cut by the chunk's end)
    private int _charPos, _charLen;
    private long _consumed;           // bytes decoded so far (after the BOM)
    private long _total;              // bytes read from the stream
    private int _newlines;            // '\n' bytes among the decoded ones
    private bool _first = true, _eof;

    public override int Peek() => Fill() ? _chars[_charPos] : -1;

    public override int Read() => Fill() ? _chars[_charPos++] : -1;

    public override int Read(Span<char> buffer)
    {
        if (!Fill()) return 0;
        var n = Math.Min(buffer.Length, _charLen - _charPos);
        _chars.AsSpan(_charPos, n).CopyTo(buffer);
        _charPos += n;
        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    private bool Fill()
    {
        while (_charPos >= _charLen)
        {
            if (_eof && _pending == 0) return false;
            var read = _eof ? 0 : stream.Read(_bytes, _pending, Chunk);
            if (read == 0) _eof = true;
            _total += read;
            if (_total > maxBytes) throw new ImportTooLargeException();
            bytesRead?.Invoke(_total);
            var span = _bytes.AsSpan(0, _pending + read);
            if (_first && span.Length >= 3 || _first && _eof)
            {
                _first = false;
                if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
            }
            else if (_first) { _pending = span.Length; continue; } // fewer than 3 bytes so far: wait to see the BOM
            var status = Utf8.ToUtf16(span, _chars, out var used, out var written, replaceInvalidSequences: false, isFinalBlock: _eof);
            if (status == OperationStatus.InvalidData)
            {
                var line = 1 + _newlines + span[..used].Count((byte)'\n');
                throw new InvalidUtf8Exception(line, _consumed + used + 1, span[used]);
            }
            _newlines += span[..used].Count((byte)'\n');
            _consumed += used;
            // Keep the incomplete sequence at the end for the next chunk.
            var rest = span[used..];
            rest.CopyTo(_bytes);
            _pending = rest.Length;
            _charPos = 0;
            _charLen = written;
            if (_eof && written == 0 && _pending > 0) throw new InvalidUtf8Exception(1 + _newlines, _consumed + 1, _bytes[0]);
        }
        return true;
    }
}
