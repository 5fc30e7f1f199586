using System.Diagnostics;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Shows how far a long run is: on a terminal, a bar redrawn in place (at most ten times a second); otherwise
/// (redirected to a file or a pipe, as in CI) a plain line at every tenth of the way.
/// </summary>
internal sealed class ProgressDisplay(TextWriter writer, bool terminal)
{
    private const int Width = 30;
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private int lastTenth = -1;
    private int drawnLength;

    /// <summary>Progress on standard error: a bar when it is a terminal, lines otherwise.</summary>
    public static ProgressDisplay OnConsole() => new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>Shows nothing.</summary>
    public static ProgressDisplay Silent { get; } = new(TextWriter.Null, terminal: false);

    /// <summary>Starts a phase: the next reports count towards its end.</summary>
    public void Begin(string phase)
    {
        lastTenth = -1;
        Line(phase);
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> items of the phase <paramref name="label"/>.</summary>
    public void Report(string label, long done, long total)
    {
        var fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        if (terminal)
        {
            if (done < total && sinceDraw.ElapsedMilliseconds < 100)
                return;
            sinceDraw.Restart();
            var filled = (int)(fraction * Width);
            Draw($"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% ({done:N0}/{total:N0})");
        }
        else
        {
            var tenth = (int)(fraction * 10);
            if (tenth == lastTenth)
                return;
            lastTenth = tenth;
            writer.WriteLine($"{label}: {tenth * 10}% ({done:N0}/{total:N0})");
        }
    }

    /// <summary>Writes a line of its own, clearing the bar first.</summary>
    public void Line(string text)
    {
        Clear();
        writer.WriteLine(text);
    }

    private void Draw(string text)
    {
        writer.Write('\r' + text.PadRight(drawnLength));
        drawnLength = text.Length;
    }

    private void Clear()
    {
        if (drawnLength == 0)
            return;
        writer.Write('\r' + new string(' ', drawnLength) + '\r');
        drawnLength = 0;
    }
}
