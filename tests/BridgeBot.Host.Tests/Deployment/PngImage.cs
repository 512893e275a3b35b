namespace BridgeBot.Host.Tests.Deployment;

using System.Buffers.Binary;
using System.IO.Compression;

/// <summary>
/// Just enough of PNG to check app icons: the IHDR header and, for 8-bit RGBA images, the decoded pixels
/// (zlib-inflated IDAT with the five row filters undone).
/// </summary>
internal sealed record PngImage(int Width, int Height, byte BitDepth, byte ColorType, byte[] Rgba)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    public const byte ColorTypeRgba = 6;

    public static PngImage ReadHeader(byte[] file) => Read(file, decodePixels: false);

    public static PngImage Decode(byte[] file) => Read(file, decodePixels: true);

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var i = ((y * Width) + x) * 4;
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
    }

    private static PngImage Read(byte[] file, bool decodePixels)
    {
        if (file.Length < 33 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file (signature)");
        }

        if (!file.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("PNG without IHDR as its first chunk");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20));
        var bitDepth = file[24];
        var colorType = file[25];
        if (!decodePixels)
        {
            return new PngImage(width, height, bitDepth, colorType, []);
        }

        if (bitDepth != 8 || colorType != ColorTypeRgba || file[28] != 0)
        {
            throw new InvalidDataException($"only non-interlaced 8-bit RGBA is decoded (bit depth {bitDepth}, color type {colorType})");
        }

        return new PngImage(width, height, bitDepth, colorType, Unfilter(Inflate(ImageData(file)), width, height));
    }

    private static byte[] ImageData(byte[] file)
    {
        using var idat = new MemoryStream();
        for (var offset = 8; offset < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = file.AsSpan(offset + 4, 4);
            if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(file, offset + 8, length);
            }

            offset += 12 + length;
        }

        return idat.ToArray();
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        const int bpp = 4;
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var above = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = above[i], upLeft = i >= bpp ? above[i - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG row filter {filter}"),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
