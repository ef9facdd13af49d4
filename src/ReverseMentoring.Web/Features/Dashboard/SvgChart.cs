using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// A bar or line chart drawn as inline SVG on the server, for the printable view: it needs no script, so it prints and
/// saves as PDF the same in every browser. Hidden values (null) are left out, as in the chart on screen. The table under
/// it holds the same figures for screen readers.
/// </summary>
public static class SvgChart
{
    private const double Width = 720;
    private const double Height = 300;
    private const double Left = 48;
    private const double Right = 12;
    private const double Top = 28;
    private const double Bottom = 64;

    private static readonly string[] Palette = ["#1f3b57", "#d9822b", "#2e7d32", "#8e24aa", "#00838f", "#c62828"];

    public static IHtmlContent Render(ChartData chart, string label)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var svg = new StringBuilder();
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var values = chart.Series.SelectMany(s => s.Values).OfType<double>().ToList();
        var max = NiceMax(values.Count == 0 ? 0 : values.Max());
        double Y(double v) => Top + plotHeight - (v / max * plotHeight);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"svg-chart\" viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-label=\"{Encode(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(label)}</title>");

        // Axis and four grid lines with their values.
        for (var i = 0; i <= 4; i++)
        {
            var v = max * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(Y(v))}\" y2=\"{N(Y(v))}\" stroke=\"#ccc\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(Y(v) + 4)}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{N(v)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left)}\" y=\"14\" font-size=\"11\" fill=\"#333\">{Encode(chart.Axis)}</text>");

        var count = Math.Max(1, chart.Labels.Count);
        var slot = plotWidth / count;
        var every = Math.Max(1, (int)Math.Ceiling(count / 14.0));
        for (var i = 0; i < chart.Labels.Count; i++)
        {
            if (i % every != 0)
            {
                continue;
            }

            var x = Left + (slot * i) + (slot / 2);
            var y = Height - Bottom + 14;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\" transform=\"rotate(-30 {N(x)} {N(y)})\">{Encode(Shorten(chart.Labels[i]))}</text>");
        }

        var seriesCount = Math.Max(1, chart.Series.Count);
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var series = chart.Series[s];
            if (chart.Type == "line")
            {
                var points = new List<string>();
                for (var i = 0; i < series.Values.Count; i++)
                {
                    if (series.Values[i] is not { } v)
                    {
                        Flush(svg, points, colour);
                        continue;
                    }

                    var x = Left + (slot * i) + (slot / 2);
                    points.Add($"{N(x)},{N(Y(v))}");
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(Y(v))}\" r=\"2.5\" fill=\"{colour}\"/>");
                }

                Flush(svg, points, colour);
            }
            else
            {
                var barWidth = slot * 0.8 / seriesCount;
                for (var i = 0; i < series.Values.Count; i++)
                {
                    if (series.Values[i] is not { } v)
                    {
                        continue;
                    }

                    var x = Left + (slot * i) + (slot * 0.1) + (barWidth * s);
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(Y(v))}\" width=\"{N(barWidth)}\" height=\"{N(Top + plotHeight - Y(v))}\" fill=\"{colour}\"/>");
                }
            }
        }

        // The legend, when there is more than one series.
        if (chart.Series.Count > 1)
        {
            var x = Width - Right - (chart.Series.Count * 120);
            for (var s = 0; s < chart.Series.Count; s++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"6\" width=\"10\" height=\"10\" fill=\"{Palette[s % Palette.Length]}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 14)}\" y=\"15\" font-size=\"11\" fill=\"#333\">{Encode(chart.Series[s].Label)}</text>");
                x += 120;
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Flush(StringBuilder svg, List<string> points, string colour)
    {
        if (points.Count > 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
        }

        points.Clear();
    }

    /// <summary>A round top for the axis: 1, 2 or 5 times a power of ten, at least the largest value.</summary>
    private static double NiceMax(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * power >= max)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Shorten(string text) => text.Length <= 22 ? text : text[..21] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
