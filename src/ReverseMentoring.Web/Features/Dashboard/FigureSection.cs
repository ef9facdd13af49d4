namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>What the _FigureSection partial draws: a table, its chart on screen, and its CSV link.</summary>
public sealed record FigureSection(FigureTable Table, bool ShowChart, string? CsvLink)
{
    /// <summary>Draws the chart as inline SVG on the server, for paper and PDF: no script needed.</summary>
    public bool PrintChart { get; init; }
}

/// <summary>What the _Filters partial draws: the filter form, with or without the choice of program.</summary>
public sealed record FilterForm(UptakeDashboard.Result Data, bool ChooseProgram, string ResetLink);
