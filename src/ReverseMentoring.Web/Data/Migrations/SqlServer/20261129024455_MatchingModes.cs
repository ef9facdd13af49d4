using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MatchingModes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Matching_MaxMentorRequests",
                table: "Programs",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "Matching_Mode",
                table: "Programs",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Matching_PreferenceWeight",
                table: "Programs",
                type: "int",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<bool>(
                name: "Matching_RemoveBlockingPairs",
                table: "Programs",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Matching_RequestAnswerDays",
                table: "Programs",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "Matching_WaitingBonus",
                table: "Programs",
                type: "int",
                nullable: false,
                defaultValue: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Matching_MaxMentorRequests",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_Mode",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_PreferenceWeight",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_RemoveBlockingPairs",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_RequestAnswerDays",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Matching_WaitingBonus",
                table: "Programs");
        }
    }
}
