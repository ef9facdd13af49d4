using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>The programs list counts each program's people and pairs.</summary>
public sealed partial class ProgramCountsTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_list_counts_enrolled_approved_paired_active_and_at_risk_per_program()
    {
        var now = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var program = await _app.ProgramAsync(ProgramStatus.Running);
        var other = await _app.ProgramAsync(ProgramStatus.Running);
        await _app.PairAsync(program, acceptedAtUtc: now.AddDays(-3));
        await _app.PairAsync(program, acceptedAtUtc: now.AddDays(-60));
        await _app.PairAsync(program, PairStatus.Proposed);
        await _app.PairAsync(program, PairStatus.Declined);
        await _app.EnrolAsync(program, await _app.PersonAsync(ParticipantRole.Mentee), ParticipantRole.Mentee, EnrolmentStatus.Pending);
        await _app.EnrolAsync(program, await _app.PersonAsync(ParticipantRole.Mentor), ParticipantRole.Mentor, EnrolmentStatus.Withdrawn);
        await _app.PairAsync(other, acceptedAtUtc: now.AddDays(-60));

        var html = await (await _app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync("/Programs");

        // 4 pairs of 2 people plus one pending (the withdrawn one is not counted); 8 approved; 3 live pairs; 2 active; 1 quiet.
        Assert.Equal((9, 8, 3, 2, 1), CountsOf(html, program.Id));
        Assert.Equal((2, 2, 1, 1, 1), CountsOf(html, other.Id));
    }

    private static (int Enrolled, int Approved, int Paired, int Active, int AtRisk) CountsOf(string html, int programId)
    {
        var row = Regex.Match(html, $"<tr>\\s*<td><a href=\"/Programs/{programId}\">.*?</tr>", RegexOptions.Singleline).Value;
        int Count(string name) => int.Parse(Regex.Match(row, $"data-count=\"{name}\">(\\d+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Count("enrolled"), Count("approved"), Count("paired"), Count("active"), Count("at-risk"));
    }
}
