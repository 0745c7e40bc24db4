"""The app's pages, one module per page; app.py routes between them with st.navigation."""
