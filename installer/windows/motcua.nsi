; Windows installer of Một Cửa Desktop (NSIS 3). Wraps the PyInstaller one-folder bundle built on Windows.
;
;   makensis /DVERSION=0.1.0 /DBUNDLE=installer\out\dist\motcua /DOUTFILE=installer\out\motcua-0.1.0-win64.exe ^
;            installer\windows\motcua.nsi
; or simply `python installer\build.py` on Windows (see BUILD.md).
;
; - Per-machine: installs to Program Files for all users (needs administrator rights), Start-menu shortcut for all.
; - Upgrade in place: running a newer setup over an installed one replaces the program files in the same folder.
; - User data (database, scans, backups, logs) lives in each user's %LOCALAPPDATA%\motcua, never under Program
;   Files: install and upgrade never touch it; uninstall keeps it unless the box "also delete my data" is ticked.
; - Optional component: the end-of-day sync as a Task Scheduler task (Mon-Sat 17:30, every signed-in user).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\out\dist\motcua"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\out\motcua-${VERSION}-win64.exe"
!endif

!define APPNAME "Một Cửa"
!define APPKEY "MotCua"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define TASKNAME "MotCua\EndOfDaySync"

Name "${APPNAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel admin
InstallDir "$PROGRAMFILES64\${APPKEY}"
InstallDirRegKey HKLM "Software\${APPKEY}" "InstallDir"
BrandingText "Một Cửa Desktop ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Một Cửa Desktop"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Một Cửa Desktop setup"
VIAddVersionKey "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "Sections.nsh"

!define MUI_ICON "..\..\resources\icons\motcua.ico"
!define MUI_UNICON "..\..\resources\icons\motcua.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; No "run the program now" box: the installer runs elevated, and the app started from it would be the
; administrator's, creating the first profile in the administrator's %LOCALAPPDATA%. Start it from the menu.
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString SEC_APP ${LANG_VIETNAMESE} "Phần mềm Một Cửa"
LangString SEC_APP ${LANG_ENGLISH} "Một Cửa application"
LangString SEC_DESKTOP ${LANG_VIETNAMESE} "Biểu tượng trên màn hình nền"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString SEC_SYNC ${LANG_VIETNAMESE} "Tự động đồng bộ cuối ngày (17:30, thứ Hai - thứ Bảy)"
LangString SEC_SYNC ${LANG_ENGLISH} "Automatic end-of-day sync (17:30, Monday - Saturday)"
LangString DATA_TEXT ${LANG_VIETNAMESE} "Dữ liệu hồ sơ của bạn được giữ lại trong $LOCALAPPDATA\motcua để cài lại hoặc nâng cấp sau này."
LangString DATA_TEXT ${LANG_ENGLISH} "Your dossier data is kept in $LOCALAPPDATA\motcua for a later reinstall or upgrade."
LangString DATA_BOX ${LANG_VIETNAMESE} "Xoá luôn dữ liệu của tôi (cơ sở dữ liệu, bản quét, bản sao lưu) - không thể khôi phục"
LangString DATA_BOX ${LANG_ENGLISH} "Also delete my data (database, scans, backups) - this cannot be undone"
LangString DATA_CONFIRM ${LANG_VIETNAMESE} "Xoá vĩnh viễn toàn bộ dữ liệu hồ sơ trong $LOCALAPPDATA\motcua?"
LangString DATA_CONFIRM ${LANG_ENGLISH} "Permanently delete all dossier data in $LOCALAPPDATA\motcua?"
LangString RUNNING ${LANG_VIETNAMESE} "Hãy đóng phần mềm Một Cửa rồi bấm Thử lại."
LangString RUNNING ${LANG_ENGLISH} "Please close Một Cửa, then press Retry."

Var DeleteData
Var DataCheckbox

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Một Cửa requires 64-bit Windows 10 or later."
    Abort
  ${EndIf}
  SetRegView 64
  ; Upgrade in place: reuse the folder of the installed version.
  ReadRegStr $0 HKLM "Software\${APPKEY}" "InstallDir"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
  Call KeepSyncChoice
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; The program must not be running while its files are replaced.
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\motcua.exe"
    FileOpen $0 "$INSTDIR\motcua.exe" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(RUNNING)" IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
  ; Upgrade: drop the previous version's libraries first, so no stale module survives. Only program files
  ; live here; user data is in %LOCALAPPDATA%\motcua.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\motcua.exe" "" "$INSTDIR\motcua.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Gỡ cài đặt ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "Software\${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "Một Cửa Desktop"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\motcua.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section /o "$(SEC_DESKTOP)" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\motcua.exe" "" "$INSTDIR\motcua.exe" 0
SectionEnd

Section /o "$(SEC_SYNC)" SecSync
  ; A task for the built-in Users group (S-1-5-32-545): it runs `motcua.exe sync --end-of-day` in the session of whoever is
  ; signed in, on their own %LOCALAPPDATA%\motcua profile; a missed run happens as soon as possible after.
  ; motcua.exe is the windowed build, so no console flashes up; the result goes to the profile's log.
  InitPluginsDir
  FileOpen $0 "$PLUGINSDIR\sync-task.xml" w
  FileWriteUTF16LE /BOM $0 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $0 '<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $0 '<RegistrationInfo><Description>Một Cửa: end-of-day sync with the provincial one-stop system</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $0 '<Triggers><CalendarTrigger><StartBoundary>2025-01-01T17:30:00</StartBoundary><Enabled>true</Enabled>'
  FileWriteUTF16LE $0 '<RandomDelay>PT10M</RandomDelay><ScheduleByWeek><WeeksInterval>1</WeeksInterval><DaysOfWeek>'
  FileWriteUTF16LE $0 '<Monday/><Tuesday/><Wednesday/><Thursday/><Friday/><Saturday/></DaysOfWeek></ScheduleByWeek>'
  FileWriteUTF16LE $0 '</CalendarTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $0 '<Principals><Principal id="Users"><GroupId>S-1-5-32-545</GroupId><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWriteUTF16LE $0 '<Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><StartWhenAvailable>true</StartWhenAvailable>'
  FileWriteUTF16LE $0 '<RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable><DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>'
  FileWriteUTF16LE $0 '<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries><ExecutionTimeLimit>PT1H</ExecutionTimeLimit><Enabled>true</Enabled></Settings>$\r$\n'
  FileWriteUTF16LE $0 '<Actions Context="Users"><Exec><Command>"$INSTDIR\motcua.exe"</Command><Arguments>sync --end-of-day</Arguments></Exec></Actions>$\r$\n'
  FileWriteUTF16LE $0 '</Task>$\r$\n'
  FileClose $0
  nsExec::ExecToLog 'schtasks.exe /Create /F /TN "${TASKNAME}" /XML "$PLUGINSDIR\sync-task.xml"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "schtasks failed ($0): the end-of-day sync was not scheduled"
  ${EndIf}
SectionEnd

Function KeepSyncChoice
  ; Upgrade: the sync component starts ticked when an earlier install scheduled the task, so that clicking
  ; through (or a silent /S upgrade) keeps it.
  nsExec::Exec 'schtasks.exe /Query /TN "${TASKNAME}"'
  Pop $0
  ${If} $0 == 0
    !insertmacro SelectSection ${SecSync}
  ${EndIf}
FunctionEnd

Function .onInstSuccess
  ; An upgrade that unticks the sync component removes a task set up by an earlier install.
  ${IfNot} ${SectionIsSelected} ${SecSync}
    nsExec::ExecToLog 'schtasks.exe /Delete /F /TN "${TASKNAME}"'
    Pop $0
  ${EndIf}
FunctionEnd

; ---- uninstall ------------------------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  StrCpy $DeleteData 0
FunctionEnd

Function un.DataPage
  ; $LOCALAPPDATA of the user running the uninstaller (not the all-users folder)
  SetShellVarContext current
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 36u "$(DATA_TEXT)"
  Pop $0
  ${NSD_CreateCheckbox} 0 44u 100% 24u "$(DATA_BOX)"
  Pop $DataCheckbox
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DATA_CONFIRM)" IDYES +2
    Abort
    StrCpy $DeleteData 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  nsExec::ExecToLog 'schtasks.exe /Delete /F /TN "${TASKNAME}"'
  Pop $0
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\Gỡ cài đặt ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ; Program files only: the bundle's folder and the uninstaller.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\motcua.exe"
  Delete "$INSTDIR\motcua-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "Software\${APPKEY}"
  ${If} $DeleteData == 1
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\motcua"
    RMDir /r "$LOCALAPPDATA\motcua-demo"
  ${EndIf}
SectionEnd
