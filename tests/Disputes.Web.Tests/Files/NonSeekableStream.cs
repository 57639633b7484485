namespace Disputes.Web.Tests.Files;

/// <summary>
/// Reads like an upload from Blazor's <c>IBrowserFile.OpenReadStream</c>: forward only, in small pieces, and
/// optionally failing part-way as a dropped mobile connection does.
/// </summary>
public sealed class NonSeekableStream(byte[] content, int failAfter = int.MaxValue, int chunk = 7) : Stream
{
    private int _position;

    public int BytesRead => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The connection dropped.");
        }

        var n = Math.Min(Math.Min(count, chunk), Math.Min(content.Length, failAfter) - _position);
        Array.Copy(content, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
