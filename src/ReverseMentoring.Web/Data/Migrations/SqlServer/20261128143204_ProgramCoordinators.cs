using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProgramCoordinators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgramCoordinators",
                columns: table => new
                {
                    ProgramId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramCoordinators", x => new { x.ProgramId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ProgramCoordinators_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgramCoordinators_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramCoordinators_UserId",
                table: "ProgramCoordinators",
                column: "UserId");

            // Existing programs are coordinated by whoever created them (when that account still exists).
            migrationBuilder.Sql("INSERT INTO [ProgramCoordinators] ([ProgramId], [UserId], [AddedAtUtc]) SELECT [Id], [CreatedByUserId], [CreatedAtUtc] FROM [Programs] WHERE [CreatedByUserId] IS NOT NULL AND [CreatedByUserId] IN (SELECT [Id] FROM [AspNetUsers]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgramCoordinators");
        }
    }
}
