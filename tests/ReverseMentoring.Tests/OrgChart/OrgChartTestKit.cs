using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.OrgChart;

/// <summary>Puts people straight into the org chart, as single sign-on, SCIM or an earlier upload would have.</summary>
internal static class OrgChartTestKit
{
    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    public static Task PlaceAsync(this AppFactory app, string email, string department, string? manager,
        OrgSource source = OrgSource.Csv, string jobLevel = "Manager") =>
        app.ExecuteDbContextAsync(async db =>
        {
            var entry = OrgChartEntry.For(email);
            entry.Place(source, department, jobLevel, manager, null, DateTime.UtcNow);
            db.OrgChart.Add(entry);
            await db.SaveChangesAsync();
        });
}
