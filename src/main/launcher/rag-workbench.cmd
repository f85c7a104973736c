@echo off
rem Starts RAG Workbench on a JDK 25 or newer: %RAG_WORKBENCH_JAVA%, else %JAVA_HOME%, else java on the PATH.
rem A jar manifest cannot carry --add-modules, which Lucene's vector code needs, hence this script.
setlocal
set "JAVA_BIN=java"
if defined JAVA_HOME set "JAVA_BIN=%JAVA_HOME%\bin\java"
if defined RAG_WORKBENCH_JAVA set "JAVA_BIN=%RAG_WORKBENCH_JAVA%"
rem A JVM crash log goes to the app's log folder, never to the working directory.
if not exist "%LOCALAPPDATA%\RAGWorkbench\logs" mkdir "%LOCALAPPDATA%\RAGWorkbench\logs" >nul 2>&1
"%JAVA_BIN%" @app.jvm.flags@ "-XX:ErrorFile=%LOCALAPPDATA%\RAGWorkbench\logs\hs_err_pid%%p.log" %RAG_WORKBENCH_JVM_OPTS% -jar "%~dp0rag-workbench.jar" %*
exit /b %ERRORLEVEL%
