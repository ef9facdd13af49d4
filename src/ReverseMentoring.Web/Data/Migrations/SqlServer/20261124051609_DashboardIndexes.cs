using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Feedback_PairId",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_ProgramId_CreatedAtUtc",
                table: "Feedback");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_PairId_Status_StartsAtUtc",
                table: "Sessions",
                columns: new[] { "PairId", "Status", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_PairId_CreatedAtUtc_Rating_ByUserId",
                table: "Feedback",
                columns: new[] { "PairId", "CreatedAtUtc", "Rating", "ByUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ProgramId_CreatedAtUtc_Rating_ByUserId",
                table: "Feedback",
                columns: new[] { "ProgramId", "CreatedAtUtc", "Rating", "ByUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Department_JobLevel",
                table: "Enrolments",
                columns: new[] { "Department", "JobLevel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sessions_PairId_Status_StartsAtUtc",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_PairId_CreatedAtUtc_Rating_ByUserId",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_ProgramId_CreatedAtUtc_Rating_ByUserId",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_Department_JobLevel",
                table: "Enrolments");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_PairId",
                table: "Feedback",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ProgramId_CreatedAtUtc",
                table: "Feedback",
                columns: new[] { "ProgramId", "CreatedAtUtc" });
        }
    }
}
