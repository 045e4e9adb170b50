using System.Text;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>The import's streaming decoder: the same text as decoding the whole file, across every chunk boundary, and the first bad byte located exactly.</summary>
public sealed class StrictUtf8ReaderTests
{
    private static string ReadAll(byte[] bytes, int readSize)
    {
        using var reader = new StrictUtf8Reader(new TrickleStream(bytes, readSize), long.MaxValue);
        return reader.ReadToEnd();
    }

    /// <summary>A stream that hands out at most <paramref name="readSize"/> bytes per read, as a network body does.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(65536)]
    public void Vietnamese_text_and_emoji_cut_at_any_byte_come_out_whole(int readSize)
    {
        // Three- and four-byte sequences everywhere, long enough to cross the 64 KB chunk many times.
        var text = string.Concat(Enumerable.Repeat("Trả kết quả, Sở Nội vụ 🏠\n", 9000));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        Assert.Equal(text, ReadAll(bytes, readSize));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65536)]
    public void The_first_invalid_byte_is_reported_with_its_line_and_position(int readSize)
    {
        var good = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("dòng tốt\n", 10000))); // past the first chunk
        var bytes = good.Concat(new byte[] { (byte)'a', 0xC3, 0x28, (byte)'\n' }).ToArray();
        var e = Assert.Throws<InvalidUtf8Exception>(() => ReadAll(bytes, readSize));
        Assert.Equal(10001, e.Line);
        Assert.Equal(good.Length + 2, e.Position);
        Assert.Equal(0xC3, e.Value);
    }

    [Fact]
    public void A_sequence_cut_off_by_the_end_of_the_file_is_invalid()
    {
        var bytes = Encoding.UTF8.GetBytes("Sở").Concat(new byte[] { 0xE1, 0xBB }).ToArray();
        Assert.Throws<InvalidUtf8Exception>(() => ReadAll(bytes, 4096));
    }

    [Fact]
    public void More_than_the_limit_is_refused_while_reading()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream(new byte[200_000]), maxBytes: 100_000);
        Assert.Throws<ImportTooLargeException>(() => reader.ReadToEnd());
    }
}
